#include "store/query.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string_view>
#include <vector>

#include "store/fulltext.h"

namespace newsmine {
namespace {

// The forms (Index's actor_forms) that name the actor asked for: by its id,
// or by its name in any case. Two parameters, both the id or name asked for.
constexpr const char* kFormNamesAskedActor = "actor = ? OR name = ? COLLATE NOCASE";
// Their numbers, and the actors they are forms of.
const std::string kFormsNaming =
    std::string("(SELECT form FROM actor_forms WHERE ") + kFormNamesAskedActor + ")";
const std::string kActorsNamed =
    std::string("(SELECT actor FROM actor_forms WHERE ") + kFormNamesAskedActor + ")";

// A WHERE clause built from conditions with '?' parameters, all bound as text.
class Conditions {
 public:
  void Add(std::string condition, std::vector<std::string> binds = {}) {
    sql_ += (sql_.empty() ? " WHERE " : " AND ") + condition;
    for (std::string& b : binds) binds_.push_back(std::move(b));
  }
  // Parameters that come before the clause in the statement (in a join).
  void Bind(std::vector<std::string> binds) {
    for (std::string& b : binds) binds_.push_back(std::move(b));
  }
  const std::string& sql() const { return sql_; }

  // Replaces the value of parameter i + 1.
  void SetBind(size_t i, std::string value) { binds_.at(i) = std::move(value); }

  // Prepares `sql` (which must contain this clause's parameters, in order)
  // and binds them.
  Status Prepare(Database& db, const std::string& sql, Statement* out) const {
    if (Status s = db.Prepare(sql, out); !s.ok()) return s;
    BindAll(out);
    return Status::Ok();
  }
  // Binds the parameters again, after a Reset.
  void BindAll(Statement* q) const {
    for (size_t i = 0; i < binds_.size(); ++i) q->BindText(static_cast<int>(i + 1), binds_[i]);
  }

 private:
  std::string sql_;
  std::vector<std::string> binds_;
};

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

bool IsDatePrefix(const std::string& text) {
  if (text.empty() || text.size() > 10) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? text[i] != '-' : !std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

// Conditions on the article row `r` (the records table).
Status AddArticleConditions(const ArticleFilter& filter, Conditions* where) {
  if (!filter.since.empty()) {
    if (!IsDatePrefix(filter.since))
      return Status::InvalidArgument("--since takes a date: YYYY, YYYY-MM or YYYY-MM-DD");
    where->Add("r.day >= ?", {filter.since});
  }
  if (!filter.until.empty()) {
    if (!IsDatePrefix(filter.until))
      return Status::InvalidArgument("--until takes a date: YYYY, YYYY-MM or YYYY-MM-DD");
    // '~' sorts after digits and '-': "2024-07~" takes every day of July.
    where->Add("r.day <= ?", {filter.until + "~"});
  }
  if (!filter.source.empty()) where->Add("r.source = ? COLLATE NOCASE", {filter.source});
  if (filter.no_duplicates) where->Add("r.duplicate_of IS NULL");
  return Status::Ok();
}

Cell ColumnCell(const Statement& q, int column, bool real) {
  if (q.IsNull(column)) return std::monostate();
  if (real) return q.Double(column);
  return q.Text(column);
}

// Runs a prepared statement into a table; `real_columns` lists the columns
// read as numbers (REAL), `int_columns` those read as integers.
Status Collect(Statement* q, const std::vector<std::string>& columns, const std::vector<int>& real_columns,
               const std::vector<int>& int_columns, ResultTable* out) {
  out->columns = columns;
  out->rows.clear();
  while (q->Step()) {
    std::vector<Cell> row;
    for (int c = 0; c < static_cast<int>(columns.size()); ++c) {
      const bool is_int = std::find(int_columns.begin(), int_columns.end(), c) != int_columns.end();
      const bool is_real = std::find(real_columns.begin(), real_columns.end(), c) != real_columns.end();
      row.push_back(is_int && !q->IsNull(c) ? Cell(q->Int(c)) : ColumnCell(*q, c, is_real));
    }
    out->rows.push_back(std::move(row));
  }
  return q->status();
}

}  // namespace

Status FindRecords(Index* index, const RecordFilter& filter,
                   const std::function<Status(const RecordMatch&)>& fn) {
  Conditions where;
  // With words, the full-text index gives the matching records, ascending;
  // they go to SQLite a chunk at a time (parameter 1, a JSON array), looked
  // up one by one (CROSS JOIN keeps that order of the loops whatever the
  // other filters), so that a limit stops early.
  const bool text_matches_drive = !filter.text.empty();
  std::string from = "records r";
  std::vector<int64_t> text_matches;
  if (text_matches_drive) {
    std::vector<uint64_t> words = FullTextWordHashes({filter.text});
    if (words.empty()) return Status::InvalidArgument("--text needs at least one word");
    if (Status s = index->FindText(std::move(words), &text_matches); !s.ok()) return s;
    from = "json_each(?) j CROSS JOIN records r ON r.rec = j.value";
    where.Bind({"[]"});
  }
  // That the record has rows in `table` matching `match`: a list of records
  // made once, when the filters drive the query; when the full-text matches
  // do, a lookup by record (the tables' rec indexes; '+' keeps SQLite from
  // reading the other columns' index instead), as the list would be made
  // anew for each chunk.
  const auto has_rows = [&](const std::string& table, const std::string& match) {
    return text_matches_drive ? "EXISTS (SELECT 1 FROM " + table + " WHERE rec = r.rec AND +" + match + ")"
                              : "r.rec IN (SELECT rec FROM " + table + " WHERE " + match + ")";
  };
  if (!filter.actor.empty())
    where.Add(has_rows("actors", "form IN " + kFormsNaming), {filter.actor, filter.actor});
  if (!filter.state.empty()) {
    // The dates go into the list too, so that it reads one range of the
    // (code, day) index rather than every mention of the state.
    std::string match = "code = ?";
    std::vector<std::string> binds = {Upper(filter.state)};
    if (!filter.label.empty()) {
      match += " AND label = ?";
      binds.push_back(filter.label);
    }
    if (!filter.article.since.empty()) {
      match += " AND day >= ?";
      binds.push_back(filter.article.since);
    }
    if (!filter.article.until.empty()) {
      match += " AND day <= ?";
      binds.push_back(filter.article.until + "~");
    }
    where.Add(has_rows("states", match), std::move(binds));
  } else if (!filter.label.empty()) {
    where.Add(has_rows("states", "label = ?"), {filter.label});
  }
  if (Status s = AddArticleConditions(filter.article, &where); !s.ok()) return s;
  std::string sql =
      "SELECT r.id, r.day, r.source, r.title, r.duplicate_of, r.segment, r.offset, r.length FROM " + from +
      where.sql() + " ORDER BY r.rec";
  if (filter.limit > 0 && !text_matches_drive) sql += " LIMIT " + std::to_string(filter.limit);
  Statement q;
  if (Status s = where.Prepare(index->db(), sql, &q); !s.ok()) return s;
  int64_t found = 0;
  const auto report = [&]() -> Status {
    while (q.Step()) {
      RecordMatch m;
      m.id = q.Text(0);
      m.day = q.Text(1);
      m.source = q.Text(2);
      m.title = q.Text(3);
      m.duplicate_of = q.Text(4);
      m.location = {static_cast<int>(q.Int(5)), static_cast<uint64_t>(q.Int(6)),
                    static_cast<uint64_t>(q.Int(7))};
      if (Status s = fn(m); !s.ok()) return s;
      if (++found == filter.limit) break;
    }
    return q.status();
  };
  if (!text_matches_drive) return report();
  // Chunks double, so that a limit stops early and a subquery of another
  // filter, made anew for each chunk, is made a few times only.
  size_t chunk_size = 1024;
  for (size_t begin = 0; begin < text_matches.size() && (filter.limit == 0 || found < filter.limit);
       begin += chunk_size, chunk_size = std::min<size_t>(2 * chunk_size, 1 << 16)) {
    std::string chunk = "[";
    for (size_t i = begin; i < std::min(text_matches.size(), begin + chunk_size); ++i) {
      if (i > begin) chunk += ',';
      chunk += std::to_string(text_matches[i]);
    }
    chunk += ']';
    q.Reset();
    where.SetBind(0, std::move(chunk));
    where.BindAll(&q);
    if (Status s = report(); !s.ok()) return s;
  }
  return Status::Ok();
}

Status QueryVotes(Index* index, const VoteFilter& filter, ResultTable* out) {
  Conditions where;
  if (!filter.country.empty()) where.Add("v.country = ?", {Upper(filter.country)});
  if (!filter.who.empty()) where.Add("(v.who = ? COLLATE NOCASE OR v.actor = ?)", {filter.who, filter.who});
  if (!filter.kind.empty()) where.Add("v.kind = ?", {filter.kind});
  if (Status s = AddArticleConditions(filter.article, &where); !s.ok()) return s;
  const std::string sql =
      "SELECT v.who, v.percent, v.kind, v.election, v.country, v.date, v.qualifier, r.id, r.title "
      "FROM votes v JOIN records r ON r.rec = v.rec" +
      where.sql() + " ORDER BY v.country, v.date, v.election, v.percent DESC, r.rec";
  Statement q;
  if (Status s = where.Prepare(index->db(), sql, &q); !s.ok()) return s;
  return Collect(&q,
                 {"who", "percent", "kind", "election", "country", "date", "qualifier", "article", "title"},
                 {1}, {}, out);
}

Status QueryActors(Index* index, const ActorFilter& filter, ResultTable* out) {
  Conditions where;
  std::string from = "actors a JOIN actor_forms f ON f.form = a.form JOIN records r ON r.rec = a.rec";
  if (!filter.with.empty()) {
    // Only articles naming the other actor; that actor itself is left out.
    from += " JOIN (SELECT DISTINCT rec FROM actors WHERE form IN " + kFormsNaming + ") w ON w.rec = a.rec";
    where.Bind({filter.with, filter.with});
    where.Add("f.actor NOT IN " + kActorsNamed, {filter.with, filter.with});
  }
  if (!filter.state.empty()) where.Add("f.state = ?", {Upper(filter.state)});
  if (Status s = AddArticleConditions(filter.article, &where); !s.ok()) return s;
  std::string sql =
      "SELECT f.actor, max(f.name), nullif(max(f.state), ''), sum(a.mentions) AS mentions, "
      "count(DISTINCT a.rec) AS articles "
      "FROM " +
      from + where.sql() + " GROUP BY f.actor ORDER BY articles DESC, mentions DESC, f.actor";
  if (filter.top > 0) sql += " LIMIT " + std::to_string(filter.top);
  Statement q;
  if (Status s = where.Prepare(index->db(), sql, &q); !s.ok()) return s;
  return Collect(&q,
                 {"actor", "name", "state", "mentions", filter.with.empty() ? "articles" : "shared_articles"},
                 {}, {3, 4}, out);
}

Status QueryStates(Index* index, const StateFilter& filter, ResultTable* out) {
  std::string period;
  if (filter.by == "day") {
    period = "s.day";
  } else if (filter.by == "week") {
    period = "date(s.day, 'weekday 0', '-6 days')";  // the Monday of the week
  } else if (filter.by == "month") {
    period = "substr(s.day, 1, 7)";
  } else if (!filter.by.empty()) {
    return Status::InvalidArgument("--by takes day, week or month");
  }
  Conditions where;
  if (!filter.state.empty()) where.Add("s.code = ?", {Upper(filter.state)});
  if (!period.empty()) where.Add("s.day IS NOT NULL");
  if (Status s = AddArticleConditions(filter.article, &where); !s.ok()) return s;
  const std::string group = period.empty() ? "s.code" : "s.code, period";
  const std::string sql = "SELECT s.code, max(s.name), " + (period.empty() ? "NULL" : period) +
                          " AS period, avg(s.sentiment), count(*), sum(s.label = 'positive'), "
                          "sum(s.label = 'negative') FROM states s JOIN records r ON r.rec = s.rec" +
                          where.sql() + " GROUP BY " + group + " ORDER BY " + group;
  Statement q;
  if (Status s = where.Prepare(index->db(), sql, &q); !s.ok()) return s;
  if (Status s = Collect(&q, {"state", "name", "period", "mean", "count", "positive", "negative"}, {3},
                         {4, 5, 6}, out);
      !s.ok()) {
    return s;
  }
  if (period.empty()) {
    // No period column when the query is not over time.
    out->columns.erase(out->columns.begin() + 2);
    for (auto& row : out->rows) row.erase(row.begin() + 2);
  }
  return Status::Ok();
}

Status QueryStats(Store* store, ResultTable* out) {
  const Manifest& m = store->manifest();
  Statement q;
  if (Status s = store->index()->db().Prepare(
          "SELECT count(DISTINCT source), min(day), max(day), count(*) - count(day) FROM records", &q);
      !s.ok()) {
    return s;
  }
  if (!q.Step()) return q.status().ok() ? Status::Corrupt("index: no statistics") : q.status();
  uint64_t bytes = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(store->dir(), ec)) {
    if (entry.is_regular_file(ec)) bytes += entry.file_size(ec);
  }
  auto number = [](uint64_t v) { return Cell(static_cast<int64_t>(v)); };
  out->columns = {"what", "value"};
  out->rows = {
      {std::string("records"), number(m.records)},
      {std::string("near_duplicates"), number(m.duplicates)},
      {std::string("records_without_duplicates"), number(m.records - m.duplicates)},
      {std::string("sources"), Cell(q.Int(0))},
      {std::string("first_date"), ColumnCell(q, 1, false)},
      {std::string("last_date"), ColumnCell(q, 2, false)},
      {std::string("undated_records"), Cell(q.Int(3))},
      {std::string("errors"), number(m.errors)},
      {std::string("inputs_done"), number(m.inputs)},
      {std::string("segments"), number(m.segments.size())},
      {std::string("commits"), number(m.commits)},
      {std::string("store_bytes"), number(bytes)},
  };
  return Status::Ok();
}

}  // namespace newsmine
