// An SVG line chart of sentiment toward states over time, for a person to
// open in a browser: one line per state, mean sentiment in [-1, 1] per period.
//
// Thread-safety: a free function without shared state.
#pragma once

#include <string>

#include "store/result_table.h"

namespace newsmine {

// States drawn at most; the most mentioned win.
constexpr size_t kMaxChartStates = 10;

// The chart of a QueryStates table with a period column (state, name,
// period, mean, count, ...). A table without rows gives a chart that says so.
std::string SentimentChartSvg(const ResultTable& states_over_time, const std::string& title);

}  // namespace newsmine
