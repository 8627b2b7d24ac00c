// The one header through which Redress reaches SQLite (Debian: libsqlite3-dev), the decision
// records' embedded store. Nothing outside RedressRecords imports CSQLite.
#include <sqlite3.h>
