using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Luoshi.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class UnitOrganisation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MergedIntoId",
                table: "Units",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RetiredAt",
                table: "Units",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Units",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Units_MergedIntoId",
                table: "Units",
                column: "MergedIntoId");

            migrationBuilder.AddForeignKey(
                name: "FK_Units_Units_MergedIntoId",
                table: "Units",
                column: "MergedIntoId",
                principalTable: "Units",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Units_Units_MergedIntoId",
                table: "Units");

            migrationBuilder.DropIndex(
                name: "IX_Units_MergedIntoId",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "RetiredAt",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Units");
        }
    }
}
