package io.github.cdcverify.setup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaFilesTest {

    @Test
    void versionedMigrationsComeFirstByNumericVersionThenTheOthersByName(@TempDir Path dir) throws IOException {
        for (String name : List.of("V10__late.sql", "V2__second.sql", "V1_1__patch.sql", "V1__init.sql",
                "V1.10__tenth.sql", "afterwards.sql", "R__views.sql", "notes.txt")) {
            Files.writeString(dir.resolve(name), "SELECT 1;");
        }
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/V3__nested.sql"), "SELECT 1;");

        List<String> order = SchemaFiles.of(dir).files().stream().map(file -> file.getFileName().toString()).toList();

        assertThat(order).containsExactly("V1__init.sql", "V1_1__patch.sql", "V1.10__tenth.sql", "V2__second.sql",
                "V3__nested.sql", "V10__late.sql", "R__views.sql", "afterwards.sql");
    }

    @Test
    void aFolderWithoutSqlFilesIsRefusedWithWhatToPass(@TempDir Path dir) {
        assertThatThrownBy(() -> SchemaFiles.of(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no .sql file").hasMessageContaining("--schema");
        assertThatThrownBy(() -> SchemaFiles.of(dir.resolve("missing.sql")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void statementsEndAtSemicolonsOutsideQuotesCommentsAndDollarBodies() {
        String script = """
                -- a comment; not a statement
                CREATE TABLE a (id int, note text DEFAULT 'x;y');

                /* block; comment /* nested; */ */
                CREATE FUNCTION f() RETURNS trigger AS $body$
                BEGIN
                  RAISE NOTICE 'semi;colon';
                  RETURN NEW;
                END;
                $body$ LANGUAGE plpgsql;
                INSERT INTO "odd;name" VALUES (E'it\\'s;', $1);
                SELECT 1""";

        List<SqlScript.Statement> statements = SqlScript.statements(script);

        assertThat(statements).extracting(SqlScript.Statement::firstLine).containsExactly(2, 5, 11, 12);
        assertThat(statements.get(0).sql()).isEqualTo("CREATE TABLE a (id int, note text DEFAULT 'x;y')");
        assertThat(statements.get(1).sql()).startsWith("CREATE FUNCTION").endsWith("LANGUAGE plpgsql");
        assertThat(statements.get(2).sql()).isEqualTo("INSERT INTO \"odd;name\" VALUES (E'it\\'s;', $1)");
        assertThat(statements.get(3).sql()).isEqualTo("SELECT 1");
    }

    @Test
    void anErrorPositionInsideAStatementIsTurnedIntoTheFilesLine() {
        SqlScript.Statement statement = SqlScript.statements("\n\nCREATE TABLE t (\n  id int,\n  x nosuchtype\n);")
                .get(0);

        assertThat(statement.firstLine()).isEqualTo(3);
        assertThat(statement.lineOf(statement.sql().indexOf("nosuchtype") + 1)).isEqualTo(5);
    }
}
