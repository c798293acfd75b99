package org.ala.mig.web.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The problems of a submitted form, each kept with the input it belongs to (shown next to it,
 * with {@code aria-describedby} and {@code aria-invalid}) and listed in the summary at the top
 * of the page, which links to the input.
 */
public final class FormErrors {

  /** One line of the summary: the input's id (its anchor), its label and what is wrong. */
  public record Item(String inputId, String label, String message) {}

  private final Map<String, List<String>> byInput = new LinkedHashMap<>();
  private final List<Item> summary = new ArrayList<>();

  /** A problem of the input with this id; {@code inputId} null for one that belongs to no input. */
  public void add(String inputId, String label, String message) {
    if (inputId != null) {
      byInput.computeIfAbsent(inputId, id -> new ArrayList<>()).add(message);
    }
    summary.add(new Item(inputId, label, message));
  }

  public boolean has(String inputId) {
    return byInput.containsKey(inputId);
  }

  /** The messages shown next to the input. */
  public List<String> of(String inputId) {
    return byInput.getOrDefault(inputId, List.of());
  }

  /** {@code aria-describedby} of an input: its hint (may be null) and its error when it has one. */
  public String describedBy(String inputId, String hintId) {
    String error = has(inputId) ? inputId + "-error" : null;
    if (hintId == null) {
      return error;
    }
    return error == null ? hintId : hintId + " " + error;
  }

  /** {@code aria-invalid}: "true" when the input has a problem, otherwise no attribute. */
  public String invalid(String inputId) {
    return has(inputId) ? "true" : null;
  }

  public List<Item> summary() {
    return summary;
  }

  public int count() {
    return summary.size();
  }

  public boolean isEmpty() {
    return summary.isEmpty();
  }
}
