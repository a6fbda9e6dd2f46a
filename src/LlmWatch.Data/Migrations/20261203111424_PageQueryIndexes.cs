using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LlmWatch.Data.Migrations
{
    /// <inheritdoc />
    public partial class PageQueryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EventOrganizations_OrganizationsId",
                table: "EventOrganizations");

            migrationBuilder.CreateTable(
                name: "FundingGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<string>(type: "TEXT", nullable: true),
                    Camp = table.Column<string>(type: "TEXT", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    Deals = table.Column<int>(type: "INTEGER", nullable: false),
                    Min = table.Column<long>(type: "INTEGER", nullable: false),
                    Max = table.Column<long>(type: "INTEGER", nullable: false),
                    Open = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundingGroups", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EventOrganizations_OrganizationsId_EventId",
                table: "EventOrganizations",
                columns: new[] { "OrganizationsId", "EventId" });

            migrationBuilder.CreateIndex(
                name: "IX_Deals_DateDesc_Id",
                table: "Deals",
                columns: new[] { "Date", "Id" },
                descending: new[] { true, false });

            migrationBuilder.CreateIndex(
                name: "IX_FundingGroups_Camp_Kind_Status",
                table: "FundingGroups",
                columns: new[] { "Camp", "Kind", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FundingGroups");

            migrationBuilder.DropIndex(
                name: "IX_EventOrganizations_OrganizationsId_EventId",
                table: "EventOrganizations");

            migrationBuilder.DropIndex(
                name: "IX_Deals_DateDesc_Id",
                table: "Deals");

            migrationBuilder.CreateIndex(
                name: "IX_EventOrganizations_OrganizationsId",
                table: "EventOrganizations",
                column: "OrganizationsId");
        }
    }
}
