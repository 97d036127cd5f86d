using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Luoshi.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportingYear : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LeaderUserId",
                table: "Units",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CalendarJson",
                table: "Plans",
                type: "TEXT",
                maxLength: 16000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "Revision",
                table: "Districts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "Circulars",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: false),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DocNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Addressee = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Body = table.Column<string>(type: "TEXT", maxLength: 64000, nullable: false),
                    LateUnits = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Circulars", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Circulars_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DistrictSettings",
                columns: table => new
                {
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: false),
                    AmberPoints = table.Column<int>(type: "INTEGER", nullable: false),
                    RedPoints = table.Column<int>(type: "INTEGER", nullable: false),
                    CoUnitsReportToLead = table.Column<bool>(type: "INTEGER", nullable: true),
                    FormStyle = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RemindDaysBefore = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RepeatEveryDaysAfter = table.Column<int>(type: "INTEGER", nullable: false),
                    EscalateToHeadAfterDays = table.Column<int>(type: "INTEGER", nullable: false),
                    EscalateToLeaderAfterDays = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxNudgesPerPersonPerWeek = table.Column<int>(type: "INTEGER", nullable: false),
                    WebhookUrl = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    WebhookFormat = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CircularIssuer = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    CircularPrefix = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DistrictSettings", x => x.DistrictId);
                    table.ForeignKey(
                        name: "FK_DistrictSettings_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Filings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: false),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    IsCoUnitPart = table.Column<bool>(type: "INTEGER", nullable: false),
                    Leader = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Section = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    StepsJson = table.Column<string>(type: "TEXT", maxLength: 32000, nullable: false),
                    Progress = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: true),
                    Problems = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: true),
                    Completed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Consolidated = table.Column<string>(type: "TEXT", maxLength: 32000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Reopened = table.Column<bool>(type: "INTEGER", nullable: false),
                    Flags = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Filings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Filings_PlanItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "PlanItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Filings_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Leases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Leases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ForDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PeriodLocks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    LockedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    LockedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeriodLocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PeriodLocks_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QualityGrades",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    GradedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    GradedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityGrades", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityGrades_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_QualityGrades_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScoreSchemes",
                columns: table => new
                {
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: false),
                    TimelinessWeight = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    CompletenessWeight = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    ProgressWeight = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    QualityWeight = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreSchemes", x => x.DistrictId);
                    table.ForeignKey(
                        name: "FK_ScoreSchemes_Districts_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Districts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionOrders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: true),
                    Number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Requirement = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    ReplyBy = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Reply = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    RepliedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    RepliedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionOrders_PlanItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "PlanItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_SupervisionOrders_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Evidence",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FilingId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Evidence_Filings_FilingId",
                        column: x => x.FilingId,
                        principalTable: "Filings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FilingEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FilingId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FilingEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FilingEvents_Filings_FilingId",
                        column: x => x.FilingId,
                        principalTable: "Filings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReportActuals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FilingId = table.Column<int>(type: "INTEGER", nullable: false),
                    IndicatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 28, scale: 6, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportActuals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportActuals_Filings_FilingId",
                        column: x => x.FilingId,
                        principalTable: "Filings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReportActuals_ItemIndicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "ItemIndicators",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_Units_LeaderUserId",
                table: "Units",
                column: "LeaderUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Circulars_PlanId_Period",
                table: "Circulars",
                columns: new[] { "PlanId", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_Evidence_FilingId",
                table: "Evidence",
                column: "FilingId");

            migrationBuilder.CreateIndex(
                name: "IX_FilingEvents_FilingId_At",
                table: "FilingEvents",
                columns: new[] { "FilingId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Filings_ItemId_UnitId_Period",
                table: "Filings",
                columns: new[] { "ItemId", "UnitId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Filings_PlanId_Period_State",
                table: "Filings",
                columns: new[] { "PlanId", "Period", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Filings_UnitId_Period",
                table: "Filings",
                columns: new[] { "UnitId", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Channel_Key",
                table: "Notifications",
                columns: new[] { "Channel", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_DistrictId_CreatedAt",
                table: "Notifications",
                columns: new[] { "DistrictId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_SentAt_Channel",
                table: "Notifications",
                columns: new[] { "SentAt", "Channel" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_ForDate",
                table: "Notifications",
                columns: new[] { "UserId", "ForDate" });

            migrationBuilder.CreateIndex(
                name: "IX_PeriodLocks_PlanId_Period",
                table: "PeriodLocks",
                columns: new[] { "PlanId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QualityGrades_PlanId_UnitId_Period",
                table: "QualityGrades",
                columns: new[] { "PlanId", "UnitId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QualityGrades_UnitId",
                table: "QualityGrades",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportActuals_FilingId_IndicatorId",
                table: "ReportActuals",
                columns: new[] { "FilingId", "IndicatorId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportActuals_IndicatorId",
                table: "ReportActuals",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_DistrictId_UnitId",
                table: "SupervisionOrders",
                columns: new[] { "DistrictId", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_ItemId",
                table: "SupervisionOrders",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionOrders_UnitId",
                table: "SupervisionOrders",
                column: "UnitId");

            migrationBuilder.AddForeignKey(
                name: "FK_Units_AspNetUsers_LeaderUserId",
                table: "Units",
                column: "LeaderUserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Units_AspNetUsers_LeaderUserId",
                table: "Units");

            migrationBuilder.DropTable(
                name: "Circulars");

            migrationBuilder.DropTable(
                name: "DistrictSettings");

            migrationBuilder.DropTable(
                name: "Evidence");

            migrationBuilder.DropTable(
                name: "FilingEvents");

            migrationBuilder.DropTable(
                name: "Leases");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "PeriodLocks");

            migrationBuilder.DropTable(
                name: "QualityGrades");

            migrationBuilder.DropTable(
                name: "ReportActuals");

            migrationBuilder.DropTable(
                name: "ScoreSchemes");

            migrationBuilder.DropTable(
                name: "SupervisionOrders");

            migrationBuilder.DropTable(
                name: "Filings");

            migrationBuilder.DropIndex(
                name: "IX_Units_LeaderUserId",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "LeaderUserId",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "CalendarJson",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "Districts");
        }
    }
}
