using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LlmWatch.Data.Migrations
{
    /// <inheritdoc />
    public partial class EpochDataset : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Columns",
                table: "Sources",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Credit",
                table: "Sources",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Sources",
                type: "TEXT",
                nullable: false,
                defaultValue: "Article");

            migrationBuilder.AddColumn<string>(
                name: "Licence",
                table: "Sources",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RetrievedOn",
                table: "Sources",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FromDataset",
                table: "Organizations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Accessibility",
                table: "Models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Confidence",
                table: "Models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Domain",
                table: "Models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FromDataset",
                table: "Models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ParametersNote",
                table: "Models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Task",
                table: "Models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "TrainingCompute",
                table: "Models",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TrainingComputeNote",
                table: "Models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TrainingComputeText",
                table: "Models",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Columns",
                table: "Citations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Derived",
                table: "Citations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "KnownFrom",
                table: "Citations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Row",
                table: "Citations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DatasetRows",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SourceId = table.Column<string>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Line = table.Column<int>(type: "INTEGER", nullable: false),
                    Model = table.Column<string>(type: "TEXT", nullable: false),
                    Organization = table.Column<string>(type: "TEXT", nullable: false),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    KnownFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Link = table.Column<string>(type: "TEXT", nullable: true),
                    Reference = table.Column<string>(type: "TEXT", nullable: true),
                    Cells = table.Column<string>(type: "TEXT", nullable: false),
                    SearchText = table.Column<string>(type: "TEXT", nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DatasetRows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DatasetRows_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_DatasetRows_Sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "Sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ModelOrganizations",
                columns: table => new
                {
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelOrganizations", x => new { x.ModelId, x.OrganizationId });
                    table.ForeignKey(
                        name: "FK_ModelOrganizations_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ModelOrganizations_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SeedFiles",
                columns: table => new
                {
                    Path = table.Column<string>(type: "TEXT", nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SeedFiles", x => x.Path);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Models_Confidence",
                table: "Models",
                column: "Confidence");

            migrationBuilder.CreateIndex(
                name: "IX_Models_ReleasedOn",
                table: "Models",
                column: "ReleasedOn");

            migrationBuilder.CreateIndex(
                name: "IX_Citations_SourceId_Row",
                table: "Citations",
                columns: new[] { "SourceId", "Row" });

            migrationBuilder.CreateIndex(
                name: "IX_DatasetRows_ModelId",
                table: "DatasetRows",
                column: "ModelId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DatasetRows_SourceId_KnownFrom",
                table: "DatasetRows",
                columns: new[] { "SourceId", "KnownFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_DatasetRows_SourceId_Model_Organization",
                table: "DatasetRows",
                columns: new[] { "SourceId", "Model", "Organization" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DatasetRows_SourceId_Number",
                table: "DatasetRows",
                columns: new[] { "SourceId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelOrganizations_OrganizationId_ModelId",
                table: "ModelOrganizations",
                columns: new[] { "OrganizationId", "ModelId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DatasetRows");

            migrationBuilder.DropTable(
                name: "ModelOrganizations");

            migrationBuilder.DropTable(
                name: "SeedFiles");

            migrationBuilder.DropIndex(
                name: "IX_Models_Confidence",
                table: "Models");

            migrationBuilder.DropIndex(
                name: "IX_Models_ReleasedOn",
                table: "Models");

            migrationBuilder.DropIndex(
                name: "IX_Citations_SourceId_Row",
                table: "Citations");

            migrationBuilder.DropColumn(
                name: "Columns",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "Credit",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "Licence",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "RetrievedOn",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "FromDataset",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "Accessibility",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "Confidence",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "Domain",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "FromDataset",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "ParametersNote",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "Task",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "TrainingCompute",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "TrainingComputeNote",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "TrainingComputeText",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "Columns",
                table: "Citations");

            migrationBuilder.DropColumn(
                name: "Derived",
                table: "Citations");

            migrationBuilder.DropColumn(
                name: "KnownFrom",
                table: "Citations");

            migrationBuilder.DropColumn(
                name: "Row",
                table: "Citations");
        }
    }
}
