using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LlmWatch.Data.Migrations
{
    /// <inheritdoc />
    public partial class FactTimesCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Viewpoints_KnownFrom",
                table: "Viewpoints");

            migrationBuilder.DropIndex(
                name: "IX_Statistics_KnownFrom",
                table: "Statistics");

            migrationBuilder.DropIndex(
                name: "IX_Roles_KnownFrom",
                table: "Roles");

            migrationBuilder.DropIndex(
                name: "IX_People_KnownFrom",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_KnownFrom",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Models_KnownFrom",
                table: "Models");

            migrationBuilder.DropIndex(
                name: "IX_Events_KnownFrom",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Deals_KnownFrom",
                table: "Deals");

            migrationBuilder.DropIndex(
                name: "IX_CampAssignments_KnownFrom",
                table: "CampAssignments");

            migrationBuilder.CreateIndex(
                name: "IX_Viewpoints_KnownFrom_RecordedAt",
                table: "Viewpoints",
                columns: new[] { "KnownFrom", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Statistics_KnownFrom_RecordedAt",
                table: "Statistics",
                columns: new[] { "KnownFrom", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Roles_KnownFrom_RecordedAt",
                table: "Roles",
                columns: new[] { "KnownFrom", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_People_KnownFrom_RecordedAt",
                table: "People",
                columns: new[] { "KnownFrom", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_KnownFrom_RecordedAt",
                table: "Organizations",
                columns: new[] { "KnownFrom", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Models_KnownFrom_RecordedAt",
                table: "Models",
                columns: new[] { "KnownFrom", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_KnownFrom_RecordedAt",
                table: "Events",
                columns: new[] { "KnownFrom", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Deals_KnownFrom_RecordedAt",
                table: "Deals",
                columns: new[] { "KnownFrom", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CampAssignments_KnownFrom_RecordedAt",
                table: "CampAssignments",
                columns: new[] { "KnownFrom", "RecordedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Viewpoints_KnownFrom_RecordedAt",
                table: "Viewpoints");

            migrationBuilder.DropIndex(
                name: "IX_Statistics_KnownFrom_RecordedAt",
                table: "Statistics");

            migrationBuilder.DropIndex(
                name: "IX_Roles_KnownFrom_RecordedAt",
                table: "Roles");

            migrationBuilder.DropIndex(
                name: "IX_People_KnownFrom_RecordedAt",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_KnownFrom_RecordedAt",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Models_KnownFrom_RecordedAt",
                table: "Models");

            migrationBuilder.DropIndex(
                name: "IX_Events_KnownFrom_RecordedAt",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Deals_KnownFrom_RecordedAt",
                table: "Deals");

            migrationBuilder.DropIndex(
                name: "IX_CampAssignments_KnownFrom_RecordedAt",
                table: "CampAssignments");

            migrationBuilder.CreateIndex(
                name: "IX_Viewpoints_KnownFrom",
                table: "Viewpoints",
                column: "KnownFrom");

            migrationBuilder.CreateIndex(
                name: "IX_Statistics_KnownFrom",
                table: "Statistics",
                column: "KnownFrom");

            migrationBuilder.CreateIndex(
                name: "IX_Roles_KnownFrom",
                table: "Roles",
                column: "KnownFrom");

            migrationBuilder.CreateIndex(
                name: "IX_People_KnownFrom",
                table: "People",
                column: "KnownFrom");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_KnownFrom",
                table: "Organizations",
                column: "KnownFrom");

            migrationBuilder.CreateIndex(
                name: "IX_Models_KnownFrom",
                table: "Models",
                column: "KnownFrom");

            migrationBuilder.CreateIndex(
                name: "IX_Events_KnownFrom",
                table: "Events",
                column: "KnownFrom");

            migrationBuilder.CreateIndex(
                name: "IX_Deals_KnownFrom",
                table: "Deals",
                column: "KnownFrom");

            migrationBuilder.CreateIndex(
                name: "IX_CampAssignments_KnownFrom",
                table: "CampAssignments",
                column: "KnownFrom");
        }
    }
}
