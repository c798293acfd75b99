package org.ala.mig.web.api;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.identity.Caller;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.lifecycle.LifecycleService;
import org.ala.mig.lifecycle.SupportType;
import org.ala.mig.reporting.AnnualReportService;
import org.springframework.http.HttpStatus;
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

  record SupportRequestBody(String type, String details) {}

  /** The answer to a request handed to COO or to the office that provides the support. */
  record Accepted(String migId, String request, String status) {}

  private final LifecycleService lifecycle;
  private final AnnualReportService reports;

  MigRequestsController(LifecycleService lifecycle, AnnualReportService reports) {
    this.lifecycle = lifecycle;
    this.reports = reports;
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
    lifecycle.requestDisband(id, body.reason(), Caller.of(request).actor());
    return new Accepted(id, "disband", "before COO (task confirmDisband)");
  }

  @PostMapping(path = "/api/migs/{id}/transition-requests", consumes = "application/json")
  @RequiresGroup(value = {MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF}, orOrganizersOfMig = true)
  @ResponseStatus(HttpStatus.ACCEPTED)
  Accepted requestTransition(@PathVariable String id, @RequestBody(required = false) TransitionRequestBody body,
      HttpServletRequest request) {
    required(body, "the request as JSON: {targetUnit, reason}");
    lifecycle.requestTransition(id, body.targetUnit(), body.reason(), Caller.of(request).actor());
    return new Accepted(id, "transition", "before COO (task decideTransition)");
  }

  @PostMapping(path = "/api/migs/{id}/support-requests", consumes = "application/json")
  @RequiresGroup(value = {MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF}, orOrganizersOfMig = true)
  @ResponseStatus(HttpStatus.ACCEPTED)
  Accepted requestSupport(@PathVariable String id, @RequestBody(required = false) SupportRequestBody body,
      HttpServletRequest request) {
    required(body, "the request as JSON: {type, details}");
    lifecycle.requestSupport(id, body.type(), body.details(), Caller.of(request).actor());
    String task = switch (SupportType.valueOf(body.type().strip())) {
      case MEETING_SPACE -> "Conference Services (task arrangeMeetingSpace)";
      case SUPPORT_ITEM -> "HQ staff (task provideSupportItem)";
      case BUDGET -> "BARC (task reviewBudgetRequest)";
    };
    return new Accepted(id, "support", "with " + task);
  }

  private static void required(Object body, String what) {
    if (body == null) {
      throw InvalidInputException.of("body", "required: " + what);
    }
  }
}
