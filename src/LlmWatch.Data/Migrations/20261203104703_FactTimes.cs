using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LlmWatch.Data.Migrations
{
    /// <inheritdoc />
    public partial class FactTimes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownFrom",
                table: "Viewpoints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "Viewpoints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidFrom",
                table: "Viewpoints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownFrom",
                table: "Statistics",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "Statistics",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidFrom",
                table: "Statistics",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PublishedOn",
                table: "Sources",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownFrom",
                table: "Roles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "Roles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidFrom",
                table: "Roles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownFrom",
                table: "People",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "People",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidFrom",
                table: "People",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownFrom",
                table: "Organizations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "Organizations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidFrom",
                table: "Organizations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownFrom",
                table: "Models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "Models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidFrom",
                table: "Models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownFrom",
                table: "Events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "Events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidFrom",
                table: "Events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownFrom",
                table: "Deals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "Deals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidFrom",
                table: "Deals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownFrom",
                table: "CampAssignments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "CampAssignments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidFrom",
                table: "CampAssignments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FactVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OrganizationSlug = table.Column<string>(type: "TEXT", nullable: true),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    KnownFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SupersededAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SupersededFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Retired = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChangeRecordId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FactVersions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Viewpoints_KnownFrom",
                table: "Viewpoints",
                column: "KnownFrom");

            migrationBuilder.CreateIndex(
                name: "IX_Viewpoints_RecordedAt",
                table: "Viewpoints",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Statistics_KnownFrom",
                table: "Statistics",
                column: "KnownFrom");

            migrationBuilder.CreateIndex(
                name: "IX_Statistics_RecordedAt",
                table: "Statistics",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Sources_PublishedOn",
                table: "Sources",
                column: "PublishedOn");

            migrationBuilder.CreateIndex(
                name: "IX_Roles_KnownFrom",
                table: "Roles",
                column: "KnownFrom");

            migrationBuilder.CreateIndex(
                name: "IX_Roles_RecordedAt",
                table: "Roles",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_People_KnownFrom",
                table: "People",
                column: "KnownFrom");

            migrationBuilder.CreateIndex(
                name: "IX_People_RecordedAt",
                table: "People",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_KnownFrom",
                table: "Organizations",
                column: "KnownFrom");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_RecordedAt",
                table: "Organizations",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Models_KnownFrom",
                table: "Models",
                column: "KnownFrom");

            migrationBuilder.CreateIndex(
                name: "IX_Models_RecordedAt",
                table: "Models",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Events_KnownFrom",
                table: "Events",
                column: "KnownFrom");

            migrationBuilder.CreateIndex(
                name: "IX_Events_RecordedAt",
                table: "Events",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Deals_KnownFrom",
                table: "Deals",
                column: "KnownFrom");

            migrationBuilder.CreateIndex(
                name: "IX_Deals_RecordedAt",
                table: "Deals",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_CampAssignments_KnownFrom",
                table: "CampAssignments",
                column: "KnownFrom");

            migrationBuilder.CreateIndex(
                name: "IX_CampAssignments_RecordedAt",
                table: "CampAssignments",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_FactVersions_Kind_Slug_SupersededAt",
                table: "FactVersions",
                columns: new[] { "Kind", "Slug", "SupersededAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FactVersions_OrganizationSlug_SupersededAt",
                table: "FactVersions",
                columns: new[] { "OrganizationSlug", "SupersededAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FactVersions");

            migrationBuilder.DropIndex(
                name: "IX_Viewpoints_KnownFrom",
                table: "Viewpoints");

            migrationBuilder.DropIndex(
                name: "IX_Viewpoints_RecordedAt",
                table: "Viewpoints");

            migrationBuilder.DropIndex(
                name: "IX_Statistics_KnownFrom",
                table: "Statistics");

            migrationBuilder.DropIndex(
                name: "IX_Statistics_RecordedAt",
                table: "Statistics");

            migrationBuilder.DropIndex(
                name: "IX_Sources_PublishedOn",
                table: "Sources");

            migrationBuilder.DropIndex(
                name: "IX_Roles_KnownFrom",
                table: "Roles");

            migrationBuilder.DropIndex(
                name: "IX_Roles_RecordedAt",
                table: "Roles");

            migrationBuilder.DropIndex(
                name: "IX_People_KnownFrom",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_People_RecordedAt",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_KnownFrom",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_RecordedAt",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Models_KnownFrom",
                table: "Models");

            migrationBuilder.DropIndex(
                name: "IX_Models_RecordedAt",
                table: "Models");

            migrationBuilder.DropIndex(
                name: "IX_Events_KnownFrom",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Events_RecordedAt",
                table: "Events");

            migrationBuilder.DropIndex(
                name: "IX_Deals_KnownFrom",
                table: "Deals");

            migrationBuilder.DropIndex(
                name: "IX_Deals_RecordedAt",
                table: "Deals");

            migrationBuilder.DropIndex(
                name: "IX_CampAssignments_KnownFrom",
                table: "CampAssignments");

            migrationBuilder.DropIndex(
                name: "IX_CampAssignments_RecordedAt",
                table: "CampAssignments");

            migrationBuilder.DropColumn(
                name: "KnownFrom",
                table: "Viewpoints");

            migrationBuilder.DropColumn(
                name: "RecordedAt",
                table: "Viewpoints");

            migrationBuilder.DropColumn(
                name: "ValidFrom",
                table: "Viewpoints");

            migrationBuilder.DropColumn(
                name: "KnownFrom",
                table: "Statistics");

            migrationBuilder.DropColumn(
                name: "RecordedAt",
                table: "Statistics");

            migrationBuilder.DropColumn(
                name: "ValidFrom",
                table: "Statistics");

            migrationBuilder.DropColumn(
                name: "PublishedOn",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "KnownFrom",
                table: "Roles");

            migrationBuilder.DropColumn(
                name: "RecordedAt",
                table: "Roles");

            migrationBuilder.DropColumn(
                name: "ValidFrom",
                table: "Roles");

            migrationBuilder.DropColumn(
                name: "KnownFrom",
                table: "People");

            migrationBuilder.DropColumn(
                name: "RecordedAt",
                table: "People");

            migrationBuilder.DropColumn(
                name: "ValidFrom",
                table: "People");

            migrationBuilder.DropColumn(
                name: "KnownFrom",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "RecordedAt",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "ValidFrom",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "KnownFrom",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "RecordedAt",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "ValidFrom",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "KnownFrom",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "RecordedAt",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "ValidFrom",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "KnownFrom",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "RecordedAt",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "ValidFrom",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "KnownFrom",
                table: "CampAssignments");

            migrationBuilder.DropColumn(
                name: "RecordedAt",
                table: "CampAssignments");

            migrationBuilder.DropColumn(
                name: "ValidFrom",
                table: "CampAssignments");
        }
    }
}
