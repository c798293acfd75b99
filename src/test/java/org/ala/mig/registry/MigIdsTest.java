package org.ala.mig.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MigIdsTest {

  @Test
  void aMigIdIsAStableSlugOfItsName() {
    assertThat(MigIds.slug("Graphic Novels & Comics in Libraries")).isEqualTo("graphic-novels-comics-in-libraries");
    assertThat(MigIds.slug("  Libraries Foster Community Engagement ")).isEqualTo("libraries-foster-community-engagement");
    assertThat(MigIds.slug("Bibliothèques Numériques")).isEqualTo("bibliotheques-numeriques");
    assertThat(MigIds.slug("!!!")).isEmpty();
    assertThat(MigIds.slug("x".repeat(150))).hasSize(100);
  }
}
