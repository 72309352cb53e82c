#include "store/sqlite_db.h"

#include <sqlite3.h>

#include <filesystem>
#include <mutex>
#include <utility>

namespace newsmine {

void RemoveDatabaseFiles(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ec);
}

Database::~Database() { Close(); }

Status Database::Open(const std::string& path, bool read_only) {
  // Before SQLite's first use: it then keeps no count of the memory it
  // allocates, which took a process-wide mutex for every allocation (the
  // index's writer and the full-text thread allocate at once). SQLite
  // refuses it once initialised elsewhere; that costs only the speed.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  Close();
  const int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    Close();
    return Status::IoError("cannot open index " + path + ": " + message);
  }
  // A query running beside a committing writer waits instead of failing.
  sqlite3_busy_timeout(db_, 10000);
  return Status::Ok();
}

void Database::Close() {
  if (db_) sqlite3_close_v2(db_);
  db_ = nullptr;
}

bool Database::InTransaction() const { return db_ != nullptr && sqlite3_get_autocommit(db_) == 0; }

int64_t Database::LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }

std::string Database::ErrorMessage() const { return db_ ? sqlite3_errmsg(db_) : "index is not open"; }

Status Database::Exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : ErrorMessage();
    sqlite3_free(error);
    return Status::IoError("index: " + message);
  }
  return Status::Ok();
}

Status Database::Prepare(std::string_view sql, Statement* out) {
  *out = Statement();
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &out->stmt_, nullptr) != SQLITE_OK) {
    return Status::IoError("index: " + ErrorMessage() + " in: " + std::string(sql));
  }
  out->db_ = db_;
  return Status::Ok();
}

Statement::~Statement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept { *this = std::move(other); }

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_) sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    db_ = std::exchange(other.db_, nullptr);
    status_ = std::move(other.status_);
  }
  return *this;
}

void Statement::BindText(int i, std::string_view value, bool empty_as_null) {
  if (empty_as_null && value.empty()) {
    sqlite3_bind_null(stmt_, i);
  } else {
    sqlite3_bind_text(stmt_, i, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
}
void Statement::BindBlob(int i, std::string_view bytes) {
  sqlite3_bind_blob(stmt_, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
}
void Statement::BindInt(int i, int64_t value) { sqlite3_bind_int64(stmt_, i, value); }
void Statement::BindDouble(int i, double value) { sqlite3_bind_double(stmt_, i, value); }
void Statement::BindNull(int i) { sqlite3_bind_null(stmt_, i); }

bool Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) status_ = Status::IoError(std::string("index: ") + sqlite3_errmsg(db_));
  return false;
}

Status Statement::Run() {
  status_ = Status::Ok();
  Step();
  Reset();
  return status_;
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::Double(int column) const { return sqlite3_column_double(stmt_, column); }
std::string Statement::Blob(int column) const {
  const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  return bytes ? std::string(bytes, static_cast<size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}
std::string Statement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return text ? std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}
bool Statement::IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
int Statement::ColumnCount() const { return sqlite3_column_count(stmt_); }
std::string Statement::ColumnName(int column) const { return sqlite3_column_name(stmt_, column); }

}  // namespace newsmine
