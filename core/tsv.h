// Reading the tab-separated data files in corpus/data: one record a line,
// fields split on TAB, blank lines and lines starting with '#' skipped.
//
// Thread-safety: no shared state.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace newsmine {

// Calls `row(fields, line_number)` for every record line of the file at
// `path`. `what` names the file's kind in errors ("state gazetteer"). Returns
// kIoError when the file cannot be read, or the first non-OK status `row`
// returns (the caller names the line with TsvLineError).
Status ForEachTsvRow(
    const std::string& path, const std::string& what,
    const std::function<Status(const std::vector<std::string_view>& fields, int line_number)>& row);

// kCorrupt "<path>:<line>: <expected>", for a row of the wrong shape.
Status TsvLineError(const std::string& path, int line_number, const std::string& expected);

}  // namespace newsmine
