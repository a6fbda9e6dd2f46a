using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LlmWatch.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScaleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Organizations_Camp",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_DisclosedFundingUsd",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_LatestValuationUsd",
                table: "Organizations");

            migrationBuilder.CreateTable(
                name: "FundingQuarters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: true),
                    Camp = table.Column<string>(type: "TEXT", nullable: false),
                    Deals = table.Column<int>(type: "INTEGER", nullable: false),
                    DisclosedDeals = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenDeals = table.Column<int>(type: "INTEGER", nullable: false),
                    MinUsd = table.Column<long>(type: "INTEGER", nullable: false),
                    MaxUsd = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundingQuarters", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Camp_DisclosedFundingUsd_Slug",
                table: "Organizations",
                columns: new[] { "Camp", "DisclosedFundingUsd", "Slug" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Camp_FoundedOn_Slug",
                table: "Organizations",
                columns: new[] { "Camp", "FoundedOn", "Slug" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Camp_LatestValuationUsd_Slug",
                table: "Organizations",
                columns: new[] { "Camp", "LatestValuationUsd", "Slug" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Camp_Slug",
                table: "Organizations",
                columns: new[] { "Camp", "Slug" });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_DisclosedFundingUsd_Slug",
                table: "Organizations",
                columns: new[] { "DisclosedFundingUsd", "Slug" },
                descending: new[] { true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_FoundedOn_Slug",
                table: "Organizations",
                columns: new[] { "FoundedOn", "Slug" },
                descending: new[] { true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_LatestValuationUsd_Slug",
                table: "Organizations",
                columns: new[] { "LatestValuationUsd", "Slug" },
                descending: new[] { true, false });

            migrationBuilder.CreateIndex(
                name: "IX_FundingQuarters_Year_Quarter_Camp",
                table: "FundingQuarters",
                columns: new[] { "Year", "Quarter", "Camp" },
                unique: true);

            // The name sorts order by expressions (lower-cased English name; pinyin, else English name): SQLite uses an
            // index for them only when the index is on the same expression.
            migrationBuilder.Sql("CREATE INDEX \"IX_Organizations_Camp_NameSortEn\" ON \"Organizations\" (\"Camp\", lower(\"NameEn\"), \"Slug\");");
            migrationBuilder.Sql("CREATE INDEX \"IX_Organizations_Camp_NameSortZh\" ON \"Organizations\" (\"Camp\", lower(COALESCE(\"Pinyin\", \"NameEn\")), \"Slug\");");
            migrationBuilder.Sql("CREATE INDEX \"IX_Organizations_NameSortEn\" ON \"Organizations\" (lower(\"NameEn\"), \"Slug\");");
            migrationBuilder.Sql("CREATE INDEX \"IX_Organizations_NameSortZh\" ON \"Organizations\" (lower(COALESCE(\"Pinyin\", \"NameEn\")), \"Slug\");");

            // Search: a trigram index for 3+ characters, and an index of the 1- and 2-character non-ASCII runs of the
            // names (2-character Chinese names and words are common, and trigrams cannot find them). Both are contentless
            // (rowid = Organizations.Id) and rebuilt by DatabaseMaintenance after every import.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE \"OrganizationSearch\" USING fts5(\"NameZh\", \"NameEn\", \"Aliases\", \"Pinyin\", content='', contentless_delete=1, tokenize='trigram');");
            migrationBuilder.Sql("CREATE VIRTUAL TABLE \"OrganizationGrams\" USING fts5(\"Grams\", content='', contentless_delete=1, detail='none', tokenize='unicode61');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"OrganizationGrams\";");
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"OrganizationSearch\";");
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Organizations_NameSortZh\";");
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Organizations_NameSortEn\";");
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Organizations_Camp_NameSortZh\";");
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_Organizations_Camp_NameSortEn\";");

            migrationBuilder.DropTable(
                name: "FundingQuarters");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_Camp_DisclosedFundingUsd_Slug",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_Camp_FoundedOn_Slug",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_Camp_LatestValuationUsd_Slug",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_Camp_Slug",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_DisclosedFundingUsd_Slug",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_FoundedOn_Slug",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_LatestValuationUsd_Slug",
                table: "Organizations");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Camp",
                table: "Organizations",
                column: "Camp");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_DisclosedFundingUsd",
                table: "Organizations",
                column: "DisclosedFundingUsd");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_LatestValuationUsd",
                table: "Organizations",
                column: "LatestValuationUsd");
        }
    }
}
