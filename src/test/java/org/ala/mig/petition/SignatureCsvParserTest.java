package org.ala.mig.petition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.ala.mig.petition.PetitionRequest.SignatureInput;
import org.ala.mig.petition.SignatureCsvParser.Problem;
import org.ala.mig.petition.SignatureCsvParser.Result;
import org.junit.jupiter.api.Test;

/** The signatures file of the petition page: what it accepts and how each problem is named. */
class SignatureCsvParserTest {

  @Test
  void readsSignaturesWithOrWithoutAByteOrderMark() {
    String csv = "member_id,name\nM1,Ann Lee\r\n\"M2\",\"Díaz,  Rosa\"\n\n,\nM3 , Bo   Chen \n";
    for (String text : new String[] {csv, "\uFEFF" + csv}) {
      Result result = SignatureCsvParser.parse(text.getBytes(StandardCharsets.UTF_8));
      assertThat(result.problems()).isEmpty();
      assertThat(result.signatures()).containsExactly(new SignatureInput("M1", "Ann Lee"),
          new SignatureInput("M2", "Díaz, Rosa"), new SignatureInput("M3", "Bo Chen"));
      assertThat(result.lines()).containsExactly(2, 3, 6);
    }
  }

  @Test
  void aNameMayBreakLinesInsideQuotesAndCountsFromItsFirstLine() {
    Result result = SignatureCsvParser.parse("Member_ID , Name\n\"M1\",\"Ann\nLee\"\nM2,\n");
    assertThat(result.signatures()).containsExactly(new SignatureInput("M1", "Ann Lee"));
    assertThat(result.problems()).extracting(Problem::describe).containsExactly("signatures.csv line 4: name is empty");
  }

  @Test
  void eachBadLineIsNamed() {
    Result result = SignatureCsvParser.parse("member_id,name\nM1,Ann,x\n ,Bo\nM3\nM4,\" \"\nM5,\"Cy\" x\nM6,Di\n");
    assertThat(result.ok()).isFalse();
    assertThat(result.problems()).extracting(Problem::describe).containsExactly(
        "signatures.csv line 2: expected 2 fields (member_id,name), got 3",
        "signatures.csv line 3: member_id is empty",
        "signatures.csv line 4: expected 2 fields (member_id,name), got 1",
        "signatures.csv line 5: name is empty",
        "signatures.csv line 6: name: text after the closing quote");
    assertThat(result.signatures()).containsExactly(new SignatureInput("M6", "Di"));
    assertThat(result.lineOf(0)).isEqualTo(7);
  }

  @Test
  void manyBadLinesAreCountedAfterTheFirstFifty() {
    StringBuilder csv = new StringBuilder("member_id,name\n");
    for (int i = 0; i < 60; i++) {
      csv.append("M").append(i).append('\n');
    }
    Result result = SignatureCsvParser.parse(csv.toString());
    assertThat(result.problems()).hasSize(51);
    assertThat(result.problems().get(50).describe()).isEqualTo("signatures.csv: and 10 more lines with problems");
  }

  @Test
  void aFileThatIsNoSignaturesCsvIsRefusedWhole() {
    assertThat(only(SignatureCsvParser.parse(new byte[] {(byte) 0xC3, 0x28})))
        .isEqualTo("signatures.csv: not UTF-8 text: save it as \"CSV UTF-8\"");
    assertThat(only(SignatureCsvParser.parse(new byte[0]))).startsWith("signatures.csv: the file is empty");
    assertThat(only(SignatureCsvParser.parse("\uFEFF\n ,\n"))).startsWith("signatures.csv: the file is empty");
    assertThat(only(SignatureCsvParser.parse("member_id,name,email\nM1,Ann,a@x.org\n")))
        .isEqualTo("signatures.csv line 1: expected the header \"member_id,name\" but found \"member_id,name,email\"");
    assertThat(only(SignatureCsvParser.parse("member_id,name\nM1,\"Ann\n")))
        .isEqualTo("signatures.csv: a quoted field starting on line 2 is never closed");
    assertThat(only(SignatureCsvParser.parse("member_id,name\nM1,A\u0000nn\n")))
        .isEqualTo("signatures.csv: not a CSV text file: binary content (U+0000) on line 2");
    assertThat(only(SignatureCsvParser.parse("member_id,name\n\n")))
        .isEqualTo("signatures.csv: no signatures after the header member_id,name");
  }

  @Test
  void aCellASpreadsheetWouldRunAsAFormulaIsRefusedWithItsLineAndColumn() {
    Result result = SignatureCsvParser.parse("member_id,name\nM1,Ann Lee\n=1+1,Bo\nM3,\"=cmd|' /C calc'!A0\"\n"
        + "M4, +SUM(1)\nM5,@x\nM6,\"\t=1\"\nM7,Cy-Ann O'Neil\n");

    assertThat(result.problems()).extracting(SignatureCsvParser.Problem::describe).containsExactly(
        "signatures.csv line 3: member_id must not start with =, +, -, @ or a tab: a spreadsheet would run it as a formula",
        "signatures.csv line 4: name must not start with =, +, -, @ or a tab: a spreadsheet would run it as a formula",
        "signatures.csv line 5: name must not start with =, +, -, @ or a tab: a spreadsheet would run it as a formula",
        "signatures.csv line 6: name must not start with =, +, -, @ or a tab: a spreadsheet would run it as a formula",
        "signatures.csv line 7: name must not start with =, +, -, @ or a tab: a spreadsheet would run it as a formula");
    assertThat(result.signatures()).extracting(s -> s.memberId()).containsExactly("M1", "M7");
  }

  private static String only(Result result) {
    assertThat(result.signatures()).isEmpty();
    assertThat(result.problems()).hasSize(1);
    return result.problems().get(0).describe();
  }
}
