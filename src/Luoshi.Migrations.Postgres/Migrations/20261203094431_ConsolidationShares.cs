using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Luoshi.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ConsolidationShares : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ConsolidatedIntoId",
                table: "Filings",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PlannedTargets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FilingId = table.Column<int>(type: "integer", nullable: false),
                    IndicatorId = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Share = table.Column<decimal>(type: "numeric(28,6)", precision: 28, scale: 6, nullable: true),
                    Q1 = table.Column<decimal>(type: "numeric(28,6)", precision: 28, scale: 6, nullable: true),
                    Q2 = table.Column<decimal>(type: "numeric(28,6)", precision: 28, scale: 6, nullable: true),
                    Q3 = table.Column<decimal>(type: "numeric(28,6)", precision: 28, scale: 6, nullable: true),
                    Q4 = table.Column<decimal>(type: "numeric(28,6)", precision: 28, scale: 6, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlannedTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlannedTargets_Filings_FilingId",
                        column: x => x.FilingId,
                        principalTable: "Filings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PlannedTargets_ItemIndicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "ItemIndicators",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_PlannedTargets_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlannedTargets_FilingId_IndicatorId_UnitId",
                table: "PlannedTargets",
                columns: new[] { "FilingId", "IndicatorId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlannedTargets_IndicatorId",
                table: "PlannedTargets",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_PlannedTargets_UnitId",
                table: "PlannedTargets",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlannedTargets");

            migrationBuilder.DropColumn(
                name: "ConsolidatedIntoId",
                table: "Filings");
        }
    }
}
