package dev.stockroom.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Boots the real server on a free port once per test class: SQLite in a temporary folder for {@code
 * *Test} classes, the PostgreSQL server named by {@code STOCKROOM_TEST_PG_URL} for {@code *IT}
 * classes (skipped with a message when it is not set).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(StockroomServer.class)
public @interface StockroomTest {}
