using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LlmWatch.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class PageQueryIndexesAndFactTimes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EventOrganizations_OrganizationsId",
                table: "EventOrganizations");

            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownFrom",
                table: "Viewpoints",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "Viewpoints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidFrom",
                table: "Viewpoints",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownFrom",
                table: "Statistics",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "Statistics",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidFrom",
                table: "Statistics",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PublishedOn",
                table: "Sources",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownFrom",
                table: "Roles",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "Roles",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidFrom",
                table: "Roles",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownFrom",
                table: "People",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "People",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidFrom",
                table: "People",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownFrom",
                table: "Organizations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "Organizations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidFrom",
                table: "Organizations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownFrom",
                table: "Models",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "Models",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidFrom",
                table: "Models",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownFrom",
                table: "Events",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "Events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidFrom",
                table: "Events",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownFrom",
                table: "Deals",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "Deals",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidFrom",
                table: "Deals",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownFrom",
                table: "CampAssignments",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "CampAssignments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidFrom",
                table: "CampAssignments",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FactVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Slug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    OrganizationSlug = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Payload = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    KnownFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SupersededAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SupersededFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    Retired = table.Column<bool>(type: "boolean", nullable: false),
                    ChangeRecordId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FactVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FundingGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Date = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Camp = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Currency = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Kind = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Status = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Deals = table.Column<int>(type: "integer", nullable: false),
                    Min = table.Column<long>(type: "bigint", nullable: false),
                    Max = table.Column<long>(type: "bigint", nullable: false),
                    Open = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundingGroups", x => x.Id);
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
                name: "IX_EventOrganizations_OrganizationsId_EventId",
                table: "EventOrganizations",
                columns: new[] { "OrganizationsId", "EventId" });

            migrationBuilder.CreateIndex(
                name: "IX_Deals_DateDesc_Id",
                table: "Deals",
                columns: new[] { "Date", "Id" },
                descending: new[] { true, false });

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

            migrationBuilder.CreateIndex(
                name: "IX_FundingGroups_Camp_Kind_Status",
                table: "FundingGroups",
                columns: new[] { "Camp", "Kind", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FactVersions");

            migrationBuilder.DropTable(
                name: "FundingGroups");

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
                name: "IX_EventOrganizations_OrganizationsId_EventId",
                table: "EventOrganizations");

            migrationBuilder.DropIndex(
                name: "IX_Deals_DateDesc_Id",
                table: "Deals");

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

            migrationBuilder.CreateIndex(
                name: "IX_EventOrganizations_OrganizationsId",
                table: "EventOrganizations",
                column: "OrganizationsId");
        }
    }
}
