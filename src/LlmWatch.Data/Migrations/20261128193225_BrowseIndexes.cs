using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LlmWatch.Data.Migrations
{
    /// <inheritdoc />
    public partial class BrowseIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Citations_SourceId",
                table: "Citations");

            migrationBuilder.CreateIndex(
                name: "IX_People_NameEn",
                table: "People",
                column: "NameEn");

            migrationBuilder.CreateIndex(
                name: "IX_Models_Name",
                table: "Models",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Citations_SourceId_Quote_SubjectType_SubjectId_Ordinal",
                table: "Citations",
                columns: new[] { "SourceId", "Quote", "SubjectType", "SubjectId", "Ordinal" });

            // The timeline's order (undated last, then by date and slug) as an expression index.
            migrationBuilder.Sql("CREATE INDEX \"IX_Events_DateOrder\" ON \"Events\" (\"Date\" IS NULL, \"Date\", \"Slug\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Events_DateOrder\";");

            migrationBuilder.DropIndex(
                name: "IX_People_NameEn",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_Models_Name",
                table: "Models");

            migrationBuilder.DropIndex(
                name: "IX_Citations_SourceId_Quote_SubjectType_SubjectId_Ordinal",
                table: "Citations");

            migrationBuilder.CreateIndex(
                name: "IX_Citations_SourceId",
                table: "Citations",
                column: "SourceId");
        }
    }
}
