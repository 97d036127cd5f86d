using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Luoshi.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PlanYears : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClosedAt",
                table: "Plans",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedBy",
                table: "Plans",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CarriedFromNumber",
                table: "PlanItems",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CarriedFromYear",
                table: "PlanItems",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "YearChoices",
                columns: table => new
                {
                    DistrictId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ChosenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ChosenBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YearChoices", x => x.DistrictId);
                    table.ForeignKey(
                        name: "FK_YearChoices_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "YearChoices");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "ClosedBy",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "CarriedFromNumber",
                table: "PlanItems");

            migrationBuilder.DropColumn(
                name: "CarriedFromYear",
                table: "PlanItems");
        }
    }
}
