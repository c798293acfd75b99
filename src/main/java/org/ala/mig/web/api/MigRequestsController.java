package org.ala.mig.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.identity.Caller;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.lifecycle.LifecycleService;
import org.ala.mig.lifecycle.MigRequestService;
import org.ala.mig.lifecycle.RequestType;
import org.ala.mig.lifecycle.SupportType;
import org.ala.mig.reporting.AnnualReportRound;
import org.ala.mig.reporting.AnnualReportService;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a MIG sends COO while it exists (CONTRACT.md): its reports, and its requests to disband,
 * to transition and for support; and COO's request for an extra report. Each answers 202: the
 * request is stored and its process goes on.
 */
@RestController
class MigRequestsController {

  record AnnualReportBody(Integer year, String activities, LocalDate dueDate) {}

  record ReportRequestBody(LocalDate dueDate) {}

  record DisbandRequestBody(String reason) {}

  record TransitionRequestBody(String targetUnit, String reason) {}

  record SupportRequestBody(String type, String details, JsonNode amount) {}

  record RenameRequestBody(String newName, String reason) {}

  /** The answer to a request handed to COO or to the office that provides the support: requestId names its record. */
  record Accepted(String migId, String request, String status, String requestId) {}

  /** A request of the MIG as GET /api/migs/{id}/requests shows it (CONTRACT.md); amount only for BUDGET. */
  record RequestView(String requestId, RequestType type, String details, String status, String outcome,
      Instant decidedAt, BigDecimal amount, Instant requestedAt) {}

  /** A report of the MIG with every round of it. */
  record ReportView(String reportId, int year, LocalDate dueDate, boolean extra, String status,
      List<AnnualReportRound> rounds) {}

  private final LifecycleService lifecycle;
  private final AnnualReportService reports;
  private final MigRequestService requests;

  MigRequestsController(LifecycleService lifecycle, AnnualReportService reports, MigRequestService requests) {
    this.lifecycle = lifecycle;
    this.reports = reports;
    this.requests = requests;
  }

  @GetMapping("/api/migs/{id}/requests")
  @RequiresGroup(value = {MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF, MigGroup.CONFERENCE_SERVICES,
      MigGroup.BARC, MigGroup.EXECUTIVE_OFFICE}, orOrganizersOfMig = true)
  List<RequestView> requests(@PathVariable String id) {
    return requests.forMig(id).stream().map(r -> new RequestView(r.requestId(), r.type(), r.details(), r.status(),
        r.outcome(), r.decidedAt(), r.amount(), r.requestedAt())).toList();
  }

  @GetMapping("/api/migs/{id}/annual-reports")
  @RequiresGroup(value = {MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF, MigGroup.EXECUTIVE_OFFICE},
      orOrganizersOfMig = true)
  List<ReportView> annualReports(@PathVariable String id) {
    return reports.withRounds(id).stream().map(MigRequestsController::view).toList();
  }

  @GetMapping("/api/migs/{id}/annual-reports/{reportId}")
  @RequiresGroup(value = {MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF, MigGroup.EXECUTIVE_OFFICE},
      orOrganizersOfMig = true)
  ReportView annualReport(@PathVariable String id, @PathVariable String reportId) {
    return view(reports.withRounds(id, reportId));
  }

  private static ReportView view(AnnualReportService.ReportWithRounds r) {
    return new ReportView(r.report().id(), r.report().year(), r.report().dueDate(), r.report().extra(),
        r.report().status(), r.rounds());
  }

  @PostMapping(path = "/api/migs/{id}/rename-requests", consumes = "application/json")
  @RequiresGroup(value = {MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF}, orOrganizersOfMig = true)
  @ResponseStatus(HttpStatus.ACCEPTED)
  Accepted requestRename(@PathVariable String id, @RequestBody(required = false) RenameRequestBody body,
      HttpServletRequest request) {
    required(body, "the request as JSON: {newName, reason}");
    String requestId = lifecycle.requestRename(id, body.newName(), body.reason(), Caller.of(request).actor());
    return new Accepted(id, "rename", "before COO (task decideRename)", requestId);
  }

  @PostMapping(path = "/api/migs/{id}/annual-reports", consumes = "application/json")
  @RequiresGroup(value = {MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF}, orOrganizersOfMig = true)
  @ResponseStatus(HttpStatus.ACCEPTED)
  AnnualReportService.Receipt submitReport(@PathVariable String id,
      @RequestBody(required = false) AnnualReportBody body, HttpServletRequest request) {
    required(body, "a report as JSON: {year, activities} (and dueDate for an extra report)");
    return reports.submit(id, body.year(), body.dueDate(), body.activities(), Caller.of(request).actor());
  }

  @PostMapping(path = "/api/migs/{id}/report-requests", consumes = "application/json")
  @RequiresGroup({MigGroup.COO})
  @ResponseStatus(HttpStatus.ACCEPTED)
  AnnualReportService.Receipt requestReport(@PathVariable String id,
      @RequestBody(required = false) ReportRequestBody body, HttpServletRequest request) {
    required(body, "the request as JSON: {dueDate}");
    return reports.requestExtra(id, body.dueDate(), Caller.of(request).actor());
  }

  @PostMapping(path = "/api/migs/{id}/disband-requests", consumes = "application/json")
  @RequiresGroup(value = {MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF}, orOrganizersOfMig = true)
  @ResponseStatus(HttpStatus.ACCEPTED)
  Accepted requestDisband(@PathVariable String id, @RequestBody(required = false) DisbandRequestBody body,
      HttpServletRequest request) {
    required(body, "the request as JSON: {reason}");
    String requestId = lifecycle.requestDisband(id, body.reason(), Caller.of(request).actor());
    return new Accepted(id, "disband", "before COO (task confirmDisband)", requestId);
  }

  @PostMapping(path = "/api/migs/{id}/transition-requests", consumes = "application/json")
  @RequiresGroup(value = {MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF}, orOrganizersOfMig = true)
  @ResponseStatus(HttpStatus.ACCEPTED)
  Accepted requestTransition(@PathVariable String id, @RequestBody(required = false) TransitionRequestBody body,
      HttpServletRequest request) {
    required(body, "the request as JSON: {targetUnit, reason}");
    String requestId = lifecycle.requestTransition(id, body.targetUnit(), body.reason(), Caller.of(request).actor());
    return new Accepted(id, "transition", "before COO (task decideTransition)", requestId);
  }

  @PostMapping(path = "/api/migs/{id}/support-requests", consumes = "application/json")
  @RequiresGroup(value = {MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF}, orOrganizersOfMig = true)
  @ResponseStatus(HttpStatus.ACCEPTED)
  Accepted requestSupport(@PathVariable String id, @RequestBody(required = false) SupportRequestBody body,
      HttpServletRequest request) {
    required(body, "the request as JSON: {type, details}");
    String requestId = lifecycle.requestSupport(id, body.type(), body.details(), amount(body.amount()),
        Caller.of(request).actor());
    String task = switch (SupportType.valueOf(body.type().strip())) {
      case MEETING_SPACE -> "Conference Services (task arrangeMeetingSpace)";
      case SUPPORT_ITEM -> "HQ staff (task provideSupportItem)";
      case BUDGET -> "BARC (task reviewBudgetRequest)";
    };
    return new Accepted(id, "support", "with " + task, requestId);
  }

  /** The amount as sent: a BigDecimal when it is a JSON number, else its text (refused by the service), or null. */
  private static Object amount(JsonNode amount) {
    if (amount == null || amount.isNull() || amount.isMissingNode()) {
      return null;
    }
    return amount.isNumber() ? amount.decimalValue() : amount.isTextual() ? amount.asText() : amount.toString();
  }

  private static void required(Object body, String what) {
    if (body == null) {
      throw InvalidInputException.of("body", "required: " + what);
    }
  }
}
