using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LlmWatch.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrganizationKeyFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DisclosedFundingUsd",
                table: "Organizations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LatestValuationUsd",
                table: "Organizations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_DisclosedFundingUsd",
                table: "Organizations",
                column: "DisclosedFundingUsd");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_LatestValuationUsd",
                table: "Organizations",
                column: "LatestValuationUsd");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Organizations_DisclosedFundingUsd",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_LatestValuationUsd",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "DisclosedFundingUsd",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "LatestValuationUsd",
                table: "Organizations");
        }
    }
}
