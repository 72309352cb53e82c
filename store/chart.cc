#include "store/chart.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <vector>

namespace newsmine {
namespace {

constexpr double kWidth = 960, kHeight = 480;
constexpr double kLeft = 60, kRight = 200, kTop = 50, kBottom = 70;
constexpr const char* kColours[kMaxChartStates] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                                   "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string Number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", v);
  return text;
}

struct Series {
  std::string label;
  int64_t mentions = 0;
  std::map<std::string, double> mean_by_period;
};

int Column(const ResultTable& table, const std::string& name) {
  const auto it = std::find(table.columns.begin(), table.columns.end(), name);
  return it == table.columns.end() ? -1 : static_cast<int>(it - table.columns.begin());
}

}  // namespace

std::string SentimentChartSvg(const ResultTable& table, const std::string& title) {
  const int state = Column(table, "state"), name = Column(table, "name"), period = Column(table, "period"),
            mean = Column(table, "mean"), count = Column(table, "count");
  std::map<std::string, Series> by_state;
  std::set<std::string> periods;
  if (state >= 0 && period >= 0 && mean >= 0 && count >= 0) {
    for (const auto& row : table.rows) {
      Series& s = by_state[CellText(row[state])];
      s.label =
          CellText(row[state]) + (name >= 0 && !CellText(row[name]).empty() ? " " + CellText(row[name]) : "");
      const std::string p = CellText(row[period]);
      s.mean_by_period[p] = std::get<double>(row[mean]);
      s.mentions += std::get<int64_t>(row[count]);
      periods.insert(p);
    }
  }
  std::vector<Series> series;
  for (auto& [code, s] : by_state) series.push_back(std::move(s));
  std::stable_sort(series.begin(), series.end(),
                   [](const Series& a, const Series& b) { return a.mentions > b.mentions; });
  if (series.size() > kMaxChartStates) series.resize(kMaxChartStates);

  const std::vector<std::string> xs(periods.begin(), periods.end());
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto x_of = [&](size_t i) { return kLeft + (xs.size() > 1 ? plot_w * i / (xs.size() - 1) : plot_w / 2); };
  auto y_of = [&](double v) { return kTop + plot_h * (1 - (std::clamp(v, -1.0, 1.0) + 1) / 2); };

  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + Number(kWidth) + "\" height=\"" +
                    Number(kHeight) + "\" font-family=\"sans-serif\" font-size=\"12\">\n";
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  svg += "<text x=\"" + Number(kLeft) + "\" y=\"28\" font-size=\"16\">" + Escape(title) + "</text>\n";
  for (double v : {-1.0, -0.5, 0.0, 0.5, 1.0}) {
    svg += "<line x1=\"" + Number(kLeft) + "\" x2=\"" + Number(kLeft + plot_w) + "\" y1=\"" +
           Number(y_of(v)) + "\" y2=\"" + Number(y_of(v)) + "\" stroke=\"" + (v == 0 ? "#888" : "#ddd") +
           "\"/>\n";
    svg += "<text x=\"" + Number(kLeft - 8) + "\" y=\"" + Number(y_of(v) + 4) + "\" text-anchor=\"end\">" +
           Number(v) + "</text>\n";
  }
  svg += "<text transform=\"translate(16," + Number(kTop + plot_h / 2) +
         ") rotate(-90)\" text-anchor=\"middle\">mean sentiment</text>\n";
  if (xs.empty()) {
    svg += "<text x=\"" + Number(kLeft + plot_w / 2) + "\" y=\"" + Number(kTop + plot_h / 2) +
           "\" text-anchor=\"middle\">no dated state mentions match</text>\n";
  }
  const size_t label_every = std::max<size_t>(1, (xs.size() + 9) / 10);
  for (size_t i = 0; i < xs.size(); i += label_every) {
    svg += "<text transform=\"translate(" + Number(x_of(i)) + "," + Number(kTop + plot_h + 14) +
           ") rotate(30)\">" + Escape(xs[i]) + "</text>\n";
  }
  for (size_t k = 0; k < series.size(); ++k) {
    std::string points;
    for (size_t i = 0; i < xs.size(); ++i) {
      const auto it = series[k].mean_by_period.find(xs[i]);
      if (it != series[k].mean_by_period.end())
        points += Number(x_of(i)) + "," + Number(y_of(it->second)) + " ";
    }
    svg += "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"" + std::string(kColours[k]) +
           "\" points=\"" + points + "\"/>\n";
    for (size_t i = 0; i < xs.size(); ++i) {
      const auto it = series[k].mean_by_period.find(xs[i]);
      if (it == series[k].mean_by_period.end()) continue;
      svg += "<circle r=\"3\" fill=\"" + std::string(kColours[k]) + "\" cx=\"" + Number(x_of(i)) +
             "\" cy=\"" + Number(y_of(it->second)) + "\"><title>" + Escape(series[k].label) + " " +
             Escape(xs[i]) + ": " + CellText(it->second) + "</title></circle>\n";
    }
    const double ly = kTop + 16.0 * k;
    svg += "<rect x=\"" + Number(kWidth - kRight + 16) + "\" y=\"" + Number(ly) +
           "\" width=\"12\" height=\"12\" fill=\"" + kColours[k] + "\"/>\n";
    svg += "<text x=\"" + Number(kWidth - kRight + 34) + "\" y=\"" + Number(ly + 10) + "\">" +
           Escape(series[k].label) + "</text>\n";
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace newsmine
