using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace LlmWatch.Data.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    DisplayName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Disabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<string>(type: "character varying(48)", nullable: true, collation: "C"),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChangeRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Action = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    FactKind = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    FactKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    OrganizationSlug = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SourceId = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ProposalId = table.Column<long>(type: "bigint", nullable: true),
                    ProposedById = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ProposedByName = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ApprovedById = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ApprovedByName = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ProposerReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    ReviewerReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    Fields = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Xml = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Events",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Date = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Kind = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    TitleZh = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    TitleEn = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Slug = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Notes = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Bases = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FundingQuarters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: true),
                    Quarter = table.Column<int>(type: "integer", nullable: true),
                    Camp = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Deals = table.Column<int>(type: "integer", nullable: false),
                    DisclosedDeals = table.Column<int>(type: "integer", nullable: false),
                    OpenDeals = table.Column<int>(type: "integer", nullable: false),
                    MinUsd = table.Column<long>(type: "bigint", nullable: false),
                    MaxUsd = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundingQuarters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Organizations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NameZh = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    NameEn = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Aliases = table.Column<List<string>>(type: "text[]", nullable: false, collation: "C"),
                    Pinyin = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Kind = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Country = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    City = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    FoundedOn = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Status = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    AcquiredById = table.Column<int>(type: "integer", nullable: true),
                    SummaryZh = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SummaryEn = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Camp = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    LatestValuationUsd = table.Column<long>(type: "bigint", nullable: true),
                    DisclosedFundingUsd = table.Column<long>(type: "bigint", nullable: true),
                    Slug = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Notes = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Bases = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Organizations_Organizations_AcquiredById",
                        column: x => x.AcquiredById,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "People",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NameZh = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    NameEn = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Aliases = table.Column<List<string>>(type: "text[]", nullable: false, collation: "C"),
                    IsPseudonym = table.Column<bool>(type: "boolean", nullable: false),
                    SummaryZh = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SummaryEn = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Slug = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Notes = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Bases = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_People", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Proposals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Action = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    TargetSlug = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Payload = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    SourceId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Quote = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    SentenceNumber = table.Column<int>(type: "integer", nullable: true),
                    ProposedById = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ProposedByName = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Reason = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Status = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ReviewedById = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ReviewedByName = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ReviewReason = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    BaseVersion = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Proposals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Sources",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Title = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    TitleEn = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Publisher = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Outlet = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Url = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    PublishedAt = table.Column<string>(type: "character varying(48)", nullable: false, collation: "C"),
                    Language = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Text = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Note = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ClaimType = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ClaimValue = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ClaimType = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ClaimValue = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ProviderKey = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    RoleId = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    LoginProvider = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Value = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CampAssignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    Camp = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    From = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    AsOf = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Basis = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ReasonZh = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ReasonEn = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Slug = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Notes = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Bases = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CampAssignments_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Deals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Stage = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    StageText = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Date = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Status = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ValuationIsRaisingAt = table.Column<bool>(type: "boolean", nullable: false),
                    NoteZh = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    NoteEn = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Amount_Approximate = table.Column<bool>(type: "boolean", nullable: true),
                    Amount_Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true, collation: "C"),
                    Amount_Max = table.Column<long>(type: "bigint", nullable: true),
                    Amount_Min = table.Column<long>(type: "bigint", nullable: true),
                    Amount_Text = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Valuation_Approximate = table.Column<bool>(type: "boolean", nullable: true),
                    Valuation_Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true, collation: "C"),
                    Valuation_Max = table.Column<long>(type: "bigint", nullable: true),
                    Valuation_Min = table.Column<long>(type: "bigint", nullable: true),
                    Valuation_Text = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Slug = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Notes = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Bases = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Deals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Deals_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventOrganizations",
                columns: table => new
                {
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    OrganizationsId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventOrganizations", x => new { x.EventId, x.OrganizationsId });
                    table.ForeignKey(
                        name: "FK_EventOrganizations_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EventOrganizations_Organizations_OrganizationsId",
                        column: x => x.OrganizationsId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Models",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    OrganizationId = table.Column<int>(type: "integer", nullable: true),
                    ReleasedOn = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    OpenSource = table.Column<bool>(type: "boolean", nullable: true),
                    CommercialUse = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    BaseModelId = table.Column<int>(type: "integer", nullable: true),
                    SummaryZh = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SummaryEn = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Parameters_Approximate = table.Column<bool>(type: "boolean", nullable: true),
                    Parameters_Max = table.Column<long>(type: "bigint", nullable: true),
                    Parameters_Min = table.Column<long>(type: "bigint", nullable: true),
                    Parameters_Text = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Slug = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Notes = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Bases = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Models", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Models_Models_BaseModelId",
                        column: x => x.BaseModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Models_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "Statistics",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LabelZh = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    LabelEn = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Unit = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Date = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    OrganizationId = table.Column<int>(type: "integer", nullable: true),
                    Value_Approximate = table.Column<bool>(type: "boolean", nullable: false),
                    Value_Max = table.Column<long>(type: "bigint", nullable: true),
                    Value_Min = table.Column<long>(type: "bigint", nullable: false),
                    Value_Text = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Slug = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Notes = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Bases = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Statistics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Statistics_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "EventPeople",
                columns: table => new
                {
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    PeopleId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventPeople", x => new { x.EventId, x.PeopleId });
                    table.ForeignKey(
                        name: "FK_EventPeople_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EventPeople_People_PeopleId",
                        column: x => x.PeopleId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Roles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false),
                    TitleZh = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    TitleEn = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    From = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    To = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Slug = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Notes = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Bases = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Roles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Roles_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Roles_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Viewpoints",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<int>(type: "integer", nullable: true),
                    SpeakerZh = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SpeakerEn = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Camp = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    TopicZh = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    TopicEn = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Stance = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Date = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SummaryZh = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SummaryEn = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Slug = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Notes = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Bases = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Viewpoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Viewpoints_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AlsoReported",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubjectType = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    SubjectId = table.Column<int>(type: "integer", nullable: false),
                    Field = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Value = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    SourceId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Quote = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ProposalId = table.Column<int>(type: "integer", nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "Citations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubjectType = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    SubjectId = table.Column<int>(type: "integer", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    SourceId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Quote = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Note = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Citations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Citations_Sources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "Sources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DealParticipants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DealId = table.Column<int>(type: "integer", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: true),
                    PersonId = table.Column<int>(type: "integer", nullable: true),
                    Role = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DealParticipants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DealParticipants_Deals_DealId",
                        column: x => x.DealId,
                        principalTable: "Deals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DealParticipants_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DealParticipants_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventDeals",
                columns: table => new
                {
                    DealsId = table.Column<int>(type: "integer", nullable: false),
                    EventId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventDeals", x => new { x.DealsId, x.EventId });
                    table.ForeignKey(
                        name: "FK_EventDeals_Deals_DealsId",
                        column: x => x.DealsId,
                        principalTable: "Deals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EventDeals_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventModels",
                columns: table => new
                {
                    EventId = table.Column<int>(type: "integer", nullable: false),
                    ModelsId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventModels", x => new { x.EventId, x.ModelsId });
                    table.ForeignKey(
                        name: "FK_EventModels_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EventModels_Models_ModelsId",
                        column: x => x.ModelsId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "AspNetRoles",
                columns: new[] { "Id", "ConcurrencyStamp", "Name", "NormalizedName" },
                values: new object[,]
                {
                    { "role-admin", "role-admin", "admin", "ADMIN" },
                    { "role-editor", "role-editor", "editor", "EDITOR" },
                    { "role-reviewer", "role-reviewer", "reviewer", "REVIEWER" }
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
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CampAssignments_OrganizationId",
                table: "CampAssignments",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_CampAssignments_Slug",
                table: "CampAssignments",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChangeRecords_FactKind_RecordedAt",
                table: "ChangeRecords",
                columns: new[] { "FactKind", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ChangeRecords_OrganizationSlug_RecordedAt",
                table: "ChangeRecords",
                columns: new[] { "OrganizationSlug", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ChangeRecords_RecordedAt",
                table: "ChangeRecords",
                column: "RecordedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ChangeRecords_SourceId_RecordedAt",
                table: "ChangeRecords",
                columns: new[] { "SourceId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Citations_SourceId_Quote_SubjectType_SubjectId_Ordinal",
                table: "Citations",
                columns: new[] { "SourceId", "Quote", "SubjectType", "SubjectId", "Ordinal" });

            migrationBuilder.CreateIndex(
                name: "IX_Citations_SubjectType_SubjectId",
                table: "Citations",
                columns: new[] { "SubjectType", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_DealParticipants_DealId",
                table: "DealParticipants",
                column: "DealId");

            migrationBuilder.CreateIndex(
                name: "IX_DealParticipants_OrganizationId",
                table: "DealParticipants",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_DealParticipants_PersonId",
                table: "DealParticipants",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Deals_Date",
                table: "Deals",
                column: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_Deals_OrganizationId",
                table: "Deals",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Deals_Slug",
                table: "Deals",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EventDeals_EventId",
                table: "EventDeals",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_EventModels_ModelsId",
                table: "EventModels",
                column: "ModelsId");

            migrationBuilder.CreateIndex(
                name: "IX_EventOrganizations_OrganizationsId",
                table: "EventOrganizations",
                column: "OrganizationsId");

            migrationBuilder.CreateIndex(
                name: "IX_EventPeople_PeopleId",
                table: "EventPeople",
                column: "PeopleId");

            migrationBuilder.CreateIndex(
                name: "IX_Events_Date",
                table: "Events",
                column: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_Events_Slug",
                table: "Events",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FundingQuarters_Year_Quarter_Camp",
                table: "FundingQuarters",
                columns: new[] { "Year", "Quarter", "Camp" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Models_BaseModelId",
                table: "Models",
                column: "BaseModelId");

            migrationBuilder.CreateIndex(
                name: "IX_Models_Name",
                table: "Models",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Models_OrganizationId",
                table: "Models",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Models_Slug",
                table: "Models",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_AcquiredById",
                table: "Organizations",
                column: "AcquiredById");

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
                name: "IX_Organizations_Kind",
                table: "Organizations",
                column: "Kind");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_LatestValuationUsd_Slug",
                table: "Organizations",
                columns: new[] { "LatestValuationUsd", "Slug" },
                descending: new[] { true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_NameEn",
                table: "Organizations",
                column: "NameEn");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_Slug",
                table: "Organizations",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_People_NameEn",
                table: "People",
                column: "NameEn");

            migrationBuilder.CreateIndex(
                name: "IX_People_Slug",
                table: "People",
                column: "Slug",
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_Roles_OrganizationId",
                table: "Roles",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Roles_PersonId",
                table: "Roles",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Roles_Slug",
                table: "Roles",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Statistics_OrganizationId",
                table: "Statistics",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Statistics_Slug",
                table: "Statistics",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Viewpoints_PersonId",
                table: "Viewpoints",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Viewpoints_Slug",
                table: "Viewpoints",
                column: "Slug",
                unique: true);

            // PostgreSQL DDL the model cannot say (listed in ProviderDdl).
            ProviderDdl.Up(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            ProviderDdl.Down(migrationBuilder);

            migrationBuilder.DropTable(
                name: "AlsoReported");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "CampAssignments");

            migrationBuilder.DropTable(
                name: "ChangeRecords");

            migrationBuilder.DropTable(
                name: "Citations");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "DealParticipants");

            migrationBuilder.DropTable(
                name: "EventDeals");

            migrationBuilder.DropTable(
                name: "EventModels");

            migrationBuilder.DropTable(
                name: "EventOrganizations");

            migrationBuilder.DropTable(
                name: "EventPeople");

            migrationBuilder.DropTable(
                name: "FundingQuarters");

            migrationBuilder.DropTable(
                name: "Proposals");

            migrationBuilder.DropTable(
                name: "Roles");

            migrationBuilder.DropTable(
                name: "Statistics");

            migrationBuilder.DropTable(
                name: "Viewpoints");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "Sources");

            migrationBuilder.DropTable(
                name: "Deals");

            migrationBuilder.DropTable(
                name: "Models");

            migrationBuilder.DropTable(
                name: "Events");

            migrationBuilder.DropTable(
                name: "People");

            migrationBuilder.DropTable(
                name: "Organizations");
        }
    }
}
