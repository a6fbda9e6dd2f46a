using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LlmWatch.Data.Migrations
{
    /// <inheritdoc />
    public partial class Proposals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AlsoReported",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubjectType = table.Column<string>(type: "TEXT", nullable: false),
                    SubjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false),
                    SourceId = table.Column<string>(type: "TEXT", nullable: false),
                    Quote = table.Column<string>(type: "TEXT", nullable: false),
                    ProposalId = table.Column<int>(type: "INTEGER", nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlsoReported", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AlsoReported_Sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "Sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Proposals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", nullable: false),
                    TargetSlug = table.Column<string>(type: "TEXT", nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    SourceId = table.Column<string>(type: "TEXT", nullable: false),
                    Quote = table.Column<string>(type: "TEXT", nullable: false),
                    SentenceNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    ProposedById = table.Column<string>(type: "TEXT", nullable: false),
                    ProposedByName = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    ReviewedById = table.Column<string>(type: "TEXT", nullable: true),
                    ReviewedByName = table.Column<string>(type: "TEXT", nullable: true),
                    ReviewReason = table.Column<string>(type: "TEXT", nullable: true),
                    BaseVersion = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Proposals", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AlsoReported_SourceId",
                table: "AlsoReported",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_AlsoReported_SubjectType_SubjectId",
                table: "AlsoReported",
                columns: new[] { "SubjectType", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_Kind_TargetSlug_Status",
                table: "Proposals",
                columns: new[] { "Kind", "TargetSlug", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_ProposedById",
                table: "Proposals",
                column: "ProposedById");

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_SourceId",
                table: "Proposals",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_Status_CreatedAt",
                table: "Proposals",
                columns: new[] { "Status", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlsoReported");

            migrationBuilder.DropTable(
                name: "Proposals");
        }
    }
}
