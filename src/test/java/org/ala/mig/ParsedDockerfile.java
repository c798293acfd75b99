package org.ala.mig;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dockerfile read the way the builder reads it, as far as this project's Dockerfile needs:
 * comment lines and parser directives dropped, lines joined at a trailing backslash, each
 * instruction with its flags ({@code --from=build}) and its arguments in shell or exec (JSON) form,
 * and the stages that {@code FROM} starts. There is no Docker engine here: DockerComposeTest
 * checks the file through this, and ContainerImageIT runs its commands as plain processes.
 */
record ParsedDockerfile(List<ParsedDockerfile.Stage> stages) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FLAG = Pattern.compile("--([a-z-]+)(?:=(\\S*))?");

  /** One instruction: the keyword in upper case, its flags, and the rest of the line. */
  record Instruction(String keyword, Map<String, String> flags, String arguments) {

    boolean isExecForm() {
      return arguments.startsWith("[");
    }

    /** The JSON array of the exec form ({@code RUN ["java", ...]}, {@code ENTRYPOINT [...]}). */
    List<String> execForm() {
      if (!isExecForm()) {
        throw new IllegalStateException(keyword + " is in shell form: " + arguments);
      }
      try {
        return JSON.readValue(arguments, new TypeReference<List<String>>() {});
      } catch (IOException e) {
        throw new IllegalStateException(keyword + " is not a JSON array: " + arguments, e);
      }
    }

    /** ENV's and ARG's name=value pairs (values may be double-quoted); a bare ARG name maps to "". */
    Map<String, String> pairs() {
      Map<String, String> pairs = new LinkedHashMap<>();
      Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*))?").matcher(arguments);
      while (m.find()) {
        String value = m.group(2) == null ? "" : m.group(2);
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        pairs.put(m.group(1), value);
      }
      return pairs;
    }
  }

  /** A stage: its base image ({@code FROM image [AS name]}) and the instructions after it. */
  record Stage(String image, String name, List<Instruction> instructions) {

    List<Instruction> all(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    Optional<Instruction> last(String keyword) {
      List<Instruction> found = all(keyword);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    /** The first RUN whose command contains the text. */
    Instruction run(String containing) {
      return all("RUN").stream().filter(i -> i.arguments().contains(containing)).findFirst()
          .orElseThrow(() -> new AssertionError("no RUN with '" + containing + "' in stage " + image));
    }

    /** Every ENV of the stage, in order (a later one wins). */
    Map<String, String> env() {
      Map<String, String> env = new LinkedHashMap<>();
      all("ENV").forEach(i -> env.putAll(i.pairs()));
      return env;
    }

    String workdir() {
      return last("WORKDIR").map(Instruction::arguments).orElse("/");
    }
  }

  static ParsedDockerfile read(Path file) throws IOException {
    List<String> logical = new ArrayList<>();
    StringBuilder current = null;
    List<String> lines = Files.readAllLines(file);
    for (String raw : lines) {
      String line = raw.strip();
      if (line.startsWith("#") || (current == null && line.isEmpty())) {
        continue; // comments and parser directives (also inside a continued instruction)
      }
      boolean continued = line.endsWith("\\");
      String part = continued ? line.substring(0, line.length() - 1).strip() : line;
      current = current == null ? new StringBuilder(part) : current.append(' ').append(part);
      if (!continued) {
        logical.add(current.toString().strip());
        current = null;
      }
    }
    if (current != null) {
      throw new IllegalStateException("the last instruction ends with a line continuation");
    }

    List<Stage> stages = new ArrayList<>();
    for (String instruction : logical) {
      String[] split = instruction.split("\\s+", 2);
      String keyword = split[0].toUpperCase(Locale.ROOT);
      String rest = split.length > 1 ? split[1] : "";
      Map<String, String> flags = new LinkedHashMap<>();
      Matcher flag = FLAG.matcher(rest);
      while (flag.lookingAt()) {
        flags.put(flag.group(1), flag.group(2) == null ? "" : flag.group(2));
        rest = rest.substring(flag.end()).stripLeading();
        flag = FLAG.matcher(rest);
      }
      if (keyword.equals("FROM")) {
        String[] from = rest.split("\\s+");
        String name = from.length == 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null;
        stages.add(new Stage(from[0], name, new ArrayList<>()));
      } else if (stages.isEmpty()) {
        if (!keyword.equals("ARG")) {
          throw new IllegalStateException(keyword + " before the first FROM");
        }
      } else {
        stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, flags, rest));
      }
    }
    return new ParsedDockerfile(List.copyOf(stages));
  }

  Stage stage(String name) {
    return stages.stream().filter(s -> name.equals(s.name())).findFirst()
        .orElseThrow(() -> new AssertionError("no stage named " + name));
  }

  Stage finalStage() {
    return stages.get(stages.size() - 1);
  }

  /** HEALTHCHECK's command: what follows CMD (shell form here). */
  static String healthCommand(Instruction healthcheck) {
    String arguments = healthcheck.arguments();
    if (!arguments.startsWith("CMD ")) {
      throw new AssertionError("HEALTHCHECK without CMD: " + arguments);
    }
    return arguments.substring(4).strip();
  }

  /** ${NAME} and $NAME replaced from the values (the builder's substitution in ENV). */
  static String substitute(String value, Map<String, String> values) {
    Matcher m = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)").matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(name, "")));
    }
    m.appendTail(out);
    return out.toString();
  }
}
