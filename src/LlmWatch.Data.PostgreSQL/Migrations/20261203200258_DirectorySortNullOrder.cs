using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LlmWatch.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class DirectorySortNullOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "IX_Organizations_DisclosedFundingUsd_Slug",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_FoundedOn_Slug",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_LatestValuationUsd_Slug",
                table: "Organizations");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Camp_DisclosedFundingUsd_Slug",
                table: "Organizations",
                columns: new[] { "Camp", "DisclosedFundingUsd", "Slug" },
                descending: new[] { false, true, false })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst, NullSortOrder.NullsLast, NullSortOrder.NullsFirst });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Camp_FoundedOn_Slug",
                table: "Organizations",
                columns: new[] { "Camp", "FoundedOn", "Slug" },
                descending: new[] { false, true, false })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst, NullSortOrder.NullsLast, NullSortOrder.NullsFirst });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Camp_LatestValuationUsd_Slug",
                table: "Organizations",
                columns: new[] { "Camp", "LatestValuationUsd", "Slug" },
                descending: new[] { false, true, false })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsFirst, NullSortOrder.NullsLast, NullSortOrder.NullsFirst });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_DisclosedFundingUsd_Slug",
                table: "Organizations",
                columns: new[] { "DisclosedFundingUsd", "Slug" },
                descending: new[] { true, false })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsLast, NullSortOrder.NullsFirst });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_FoundedOn_Slug",
                table: "Organizations",
                columns: new[] { "FoundedOn", "Slug" },
                descending: new[] { true, false })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsLast, NullSortOrder.NullsFirst });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_LatestValuationUsd_Slug",
                table: "Organizations",
                columns: new[] { "LatestValuationUsd", "Slug" },
                descending: new[] { true, false })
                .Annotation("Npgsql:IndexNullSortOrder", new[] { NullSortOrder.NullsLast, NullSortOrder.NullsFirst });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
                name: "IX_Organizations_DisclosedFundingUsd_Slug",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_FoundedOn_Slug",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_LatestValuationUsd_Slug",
                table: "Organizations");

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
        }
    }
}
