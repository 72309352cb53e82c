// A thin RAII layer over SQLite: a connection and prepared statements whose
// failures come back as Status values.
//
// Thread-safety: a Database and its Statements belong to one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace newsmine {

class Statement;

// Removes the database file at `path` with its WAL and shared-memory files
// (path-wal, path-shm), whichever exist. Close every connection to it first.
void RemoveDatabaseFiles(const std::string& path);

class Database {
 public:
  Database() = default;
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Opens (read_only: without creating or writing) the database at `path`.
  // Returns kIoError with SQLite's message on failure.
  Status Open(const std::string& path, bool read_only);
  void Close();
  bool is_open() const { return db_ != nullptr; }
  // Whether a transaction is open. SQLite rolls one back by itself after some
  // errors (a full disk, an I/O error), whatever the caller believes.
  bool InTransaction() const;

  // Runs one or more statements without results.
  Status Exec(const std::string& sql);
  // Prepares one statement; *out is valid until the Database closes.
  Status Prepare(std::string_view sql, Statement* out);

  // The rowid of the last row inserted on this connection.
  int64_t LastInsertRowid() const;
  std::string ErrorMessage() const;

 private:
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement() = default;
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binding (1-based, as in SQLite). An empty text binds NULL when
  // empty_as_null is set.
  void BindText(int i, std::string_view value, bool empty_as_null = false);
  void BindBlob(int i, std::string_view bytes);
  void BindInt(int i, int64_t value);
  void BindDouble(int i, double value);
  void BindNull(int i);

  // Advances: true while a row is available. A failure sets status().
  bool Step();
  // Steps a statement that returns no rows; resets it for reuse.
  Status Run();
  void Reset();
  const Status& status() const { return status_; }

  int64_t Int(int column) const;
  double Double(int column) const;
  std::string Text(int column) const;
  std::string Blob(int column) const;
  bool IsNull(int column) const;
  int ColumnCount() const;
  std::string ColumnName(int column) const;

 private:
  friend class Database;
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
  Status status_;
};

}  // namespace newsmine
