using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LlmWatch.Data.Migrations
{
    /// <inheritdoc />
    public partial class CampAsOfApproximateBases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing rows and raw INSERTs get an empty list of bases. An optional amount's "approximate" is NULL
            // exactly when the amount is absent (EF reads a half-filled amount as present): set it for the amounts there are.
            migrationBuilder.AddColumn<string>(
                name: "Bases",
                table: "Viewpoints",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Bases",
                table: "Statistics",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "Value_Approximate",
                table: "Statistics",
                type: "INTEGER",
                nullable: false);

            migrationBuilder.AddColumn<string>(
                name: "Bases",
                table: "Roles",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Aliases",
                table: "People",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Bases",
                table: "People",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Bases",
                table: "Organizations",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Bases",
                table: "Models",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "Parameters_Approximate",
                table: "Models",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Bases",
                table: "Events",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "Amount_Approximate",
                table: "Deals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Bases",
                table: "Deals",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "Valuation_Approximate",
                table: "Deals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AsOf",
                table: "CampAssignments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Bases",
                table: "CampAssignments",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.Sql("UPDATE \"Deals\" SET \"Amount_Approximate\" = 0 WHERE \"Amount_Currency\" IS NOT NULL;");
            migrationBuilder.Sql("UPDATE \"Deals\" SET \"Valuation_Approximate\" = 0 WHERE \"Valuation_Currency\" IS NOT NULL;");
            migrationBuilder.Sql("UPDATE \"Models\" SET \"Parameters_Approximate\" = 0 WHERE \"Parameters_Text\" IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Bases",
                table: "Viewpoints");

            migrationBuilder.DropColumn(
                name: "Bases",
                table: "Statistics");

            migrationBuilder.DropColumn(
                name: "Value_Approximate",
                table: "Statistics");

            migrationBuilder.DropColumn(
                name: "Bases",
                table: "Roles");

            migrationBuilder.DropColumn(
                name: "Aliases",
                table: "People");

            migrationBuilder.DropColumn(
                name: "Bases",
                table: "People");

            migrationBuilder.DropColumn(
                name: "Bases",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Bases",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "Parameters_Approximate",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "Bases",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "Amount_Approximate",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "Bases",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "Valuation_Approximate",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "AsOf",
                table: "CampAssignments");

            migrationBuilder.DropColumn(
                name: "Bases",
                table: "CampAssignments");
        }
    }
}
