using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Luoshi.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CircularForm : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CircularForm",
                table: "DistrictSettings",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Plain"); // existing districts keep the plain mark (CircularForm.Plain)
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CircularForm",
                table: "DistrictSettings");
        }
    }
}
