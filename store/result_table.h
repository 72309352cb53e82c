// ResultTable: the rows a query returns, and how they are printed: an
// aligned table for people, CSV, JSON lines or one JSON array.
//
// Thread-safety: plain values and free functions.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <variant>
#include <vector>

#include "core/status.h"

namespace newsmine {

// A cell: null, an integer, a real or a text.
using Cell = std::variant<std::monostate, int64_t, double, std::string>;

struct ResultTable {
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
};

enum class OutputFormat { kTable, kJsonl, kJson, kCsv };

// Parses "table", "jsonl", "json" or "csv"; an empty name gives table when
// stdout is a terminal, else jsonl. Returns kInvalidArgument otherwise.
Status ParseOutputFormat(const std::string& name, OutputFormat* out);

// Prints the table in the format. Returns kIoError when `out` refuses.
Status PrintResultTable(const ResultTable& table, OutputFormat format, FILE* out);

// One cell as text: "" for null, numbers as written in JSON.
std::string CellText(const Cell& cell);

}  // namespace newsmine
