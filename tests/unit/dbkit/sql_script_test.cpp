// The one SQL splitter both migration runners use (dbkit/sql_script).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "dbkit/sql_script.hpp"

using ucf::dbkit::splitSqlScript;
using Strings = std::vector<std::string>;

TEST_CASE("a script splits at each semicolon and loses its comments") {
  CHECK(splitSqlScript("-- the accounts\nCREATE TABLE a (x INT); -- why\n\nCREATE INDEX a_x ON a (x);\n") ==
        Strings{"CREATE TABLE a (x INT)", "CREATE INDEX a_x ON a (x)"});
  CHECK(splitSqlScript("UPDATE a SET x = 1\n  WHERE x = 2;\n") == Strings{"UPDATE a SET x = 1\n  WHERE x = 2"});
  CHECK(splitSqlScript("SELECT 1; SELECT 2") == Strings{"SELECT 1", "SELECT 2"});  // mid-line, and no last ;
  CHECK(splitSqlScript("SELECT /* a; b */ 1;") == Strings{"SELECT   1"});
  CHECK(splitSqlScript("-- only a comment\n;\n  \n").empty());
}

TEST_CASE("comment dashes and semicolons inside a string literal or a quoted name are the statement's own text") {
  // The host's splitter kept this line; the plugin's cut it at the `--` and broke the statement.
  CHECK(splitSqlScript("INSERT INTO t (note) VALUES ('a -- b; c');\nSELECT 1;") ==
        Strings{"INSERT INTO t (note) VALUES ('a -- b; c')", "SELECT 1"});
  CHECK(splitSqlScript("UPDATE t SET note = 'it''s -- here; still';") ==
        Strings{"UPDATE t SET note = 'it''s -- here; still'"});
  CHECK(splitSqlScript("CREATE TABLE \"odd--name;\" (x INT);") == Strings{"CREATE TABLE \"odd--name;\" (x INT)"});
  CHECK(splitSqlScript("SELECT '/* not a comment */';") == Strings{"SELECT '/* not a comment */'"});
}
