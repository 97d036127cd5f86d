using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Luoshi.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedBy",
                table: "Plans",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CarriedFromNumber",
                table: "PlanItems",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CarriedFromYear",
                table: "PlanItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "YearChoices",
                columns: table => new
                {
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    ChosenAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ChosenBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
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
