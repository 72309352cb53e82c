#include "store/result_table.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace newsmine {
namespace {

// Long cells are cut in the human table so that rows fit a terminal.
constexpr size_t kMaxTableCellBytes = 60;

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void WriteCell(JsonWriter& w, const Cell& cell) {
  if (const auto* i = std::get_if<int64_t>(&cell)) {
    w.Int64(*i);
  } else if (const auto* d = std::get_if<double>(&cell)) {
    w.Double(std::round(*d * 10000.0) / 10000.0);
  } else if (const auto* s = std::get_if<std::string>(&cell)) {
    w.String(s->data(), static_cast<rapidjson::SizeType>(s->size()));
  } else {
    w.Null();
  }
}

void WriteRowObject(JsonWriter& w, const ResultTable& table, const std::vector<Cell>& row) {
  w.StartObject();
  for (size_t c = 0; c < table.columns.size(); ++c) {
    w.Key(table.columns[c].c_str());
    WriteCell(w, row[c]);
  }
  w.EndObject();
}

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

// Cuts at a UTF-8 character boundary and marks the cut.
std::string Shortened(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  if (text.size() <= kMaxTableCellBytes) return text;
  size_t cut = kMaxTableCellBytes - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

// Display width: UTF-8 characters, not bytes.
size_t Width(const std::string& text) {
  return static_cast<size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string RenderTable(const ResultTable& table) {
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> widths(table.columns.size());
  for (size_t c = 0; c < table.columns.size(); ++c) widths[c] = Width(table.columns[c]);
  for (const auto& row : table.rows) {
    std::vector<std::string> texts;
    for (size_t c = 0; c < row.size(); ++c) {
      texts.push_back(Shortened(CellText(row[c])));
      widths[c] = std::max(widths[c], Width(texts.back()));
    }
    cells.push_back(std::move(texts));
  }
  std::string text;
  auto add_row = [&](const std::vector<std::string>& row) {
    for (size_t c = 0; c < row.size(); ++c) {
      text += row[c];
      if (c + 1 < row.size()) text.append(widths[c] - Width(row[c]) + 2, ' ');
    }
    text.push_back('\n');
  };
  add_row(table.columns);
  for (const auto& row : cells) add_row(row);
  return text;
}

}  // namespace

Status ParseOutputFormat(const std::string& name, OutputFormat* out) {
  if (name.empty()) {
    *out = isatty(STDOUT_FILENO) ? OutputFormat::kTable : OutputFormat::kJsonl;
  } else if (name == "table") {
    *out = OutputFormat::kTable;
  } else if (name == "jsonl") {
    *out = OutputFormat::kJsonl;
  } else if (name == "json") {
    *out = OutputFormat::kJson;
  } else if (name == "csv") {
    *out = OutputFormat::kCsv;
  } else {
    return Status::InvalidArgument("unknown --format " + name + " (table, jsonl, json or csv)");
  }
  return Status::Ok();
}

std::string CellText(const Cell& cell) {
  if (const auto* i = std::get_if<int64_t>(&cell)) return std::to_string(*i);
  if (std::holds_alternative<double>(cell)) {
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    WriteCell(w, cell);
    return std::string(buffer.GetString(), buffer.GetSize());
  }
  if (const auto* s = std::get_if<std::string>(&cell)) return *s;
  return {};
}

Status PrintResultTable(const ResultTable& table, OutputFormat format, FILE* out) {
  std::string text;
  switch (format) {
    case OutputFormat::kTable:
      text = RenderTable(table);
      break;
    case OutputFormat::kCsv:
      for (size_t c = 0; c < table.columns.size(); ++c) text += (c ? "," : "") + CsvField(table.columns[c]);
      text += "\r\n";
      for (const auto& row : table.rows) {
        for (size_t c = 0; c < row.size(); ++c) text += (c ? "," : "") + CsvField(CellText(row[c]));
        text += "\r\n";
      }
      break;
    case OutputFormat::kJsonl:
      for (const auto& row : table.rows) {
        rapidjson::StringBuffer buffer;
        JsonWriter w(buffer);
        WriteRowObject(w, table, row);
        text.append(buffer.GetString(), buffer.GetSize());
        text.push_back('\n');
      }
      break;
    case OutputFormat::kJson: {
      rapidjson::StringBuffer buffer;
      JsonWriter w(buffer);
      w.StartArray();
      for (const auto& row : table.rows) WriteRowObject(w, table, row);
      w.EndArray();
      text.assign(buffer.GetString(), buffer.GetSize());
      text.push_back('\n');
      break;
    }
  }
  if (std::fwrite(text.data(), 1, text.size(), out) != text.size()) {
    return Status::IoError("cannot write to standard output");
  }
  return Status::Ok();
}

}  // namespace newsmine
