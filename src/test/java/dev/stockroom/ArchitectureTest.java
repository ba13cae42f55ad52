package dev.stockroom;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** The layout rules of the house style, checked on every build. */
class ArchitectureTest {
  static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.stockroom");

  /**
   * Features use each other only through their {@code *Store} classes; {@code catalog.children} is
   * the shared machinery of sub-resources (like {@code api} and {@code db}), not a feature.
   */
  @Test
  void featuresUseOnlyEachOthersStores() {
    for (String feature :
        new String[] {"brands", "categories", "images", "products", "metafields", "children"}) {
      noClasses()
          .that()
          .resideInAPackage("dev.stockroom.catalog." + feature + "..")
          .should()
          .dependOnClassesThat(
              com.tngtech.archunit.base.DescribedPredicate.describe(
                  "another feature's internals",
                  c ->
                      c.getPackageName().startsWith("dev.stockroom.catalog.")
                          && !c.getPackageName().startsWith("dev.stockroom.catalog." + feature)
                          && !c.getPackageName().equals("dev.stockroom.catalog.children")
                          && !c.getSimpleName().endsWith("Store")))
          .check(MAIN);
    }
  }

  @Test
  void onlyTheEdgeRendersErrors() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.stockroom.api..", "dev.stockroom.edge..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.stockroom.api.ErrorRenderer")
        .check(MAIN);
  }

  @Test
  void onlyTheEdgeTouchesHelidonAndOnlyAppWiresIt() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.stockroom.edge..", "dev.stockroom.bench..")
        .and()
        .doNotHaveFullyQualifiedName("dev.stockroom.App")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.helidon..")
        .check(MAIN);
  }

  @Test
  void noStandardStreamsNoJavaUtilLoggingNoGenericExceptions() {
    // The benchmark's helpers are small command-line programs of their own (bench/run.sh).
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("dev.stockroom.Main")
        .and()
        .resideOutsideOfPackage("dev.stockroom.bench..")
        .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
        .check(MAIN);
    GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(MAIN);
    methods()
        .that()
        .areDeclaredInClassesThat()
        .resideInAPackage("dev.stockroom..")
        .and()
        .doNotHaveModifier(com.tngtech.archunit.core.domain.JavaModifier.BRIDGE)
        .and()
        .doNotHaveModifier(com.tngtech.archunit.core.domain.JavaModifier.SYNTHETIC)
        .should()
        .notDeclareThrowableOfType(Exception.class)
        .check(MAIN);
  }

  @Test
  void storesAndRoutesKeepTheirNames() {
    classes()
        .that()
        .implement(dev.stockroom.api.Routes.class)
        .should()
        .haveSimpleNameEndingWith("Routes")
        .check(MAIN);
  }
}
