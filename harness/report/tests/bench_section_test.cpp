// The Benchmarks section as it lands in the HTML report, from bench directories on disk.
#include "mpdts/report/bench_section.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mpdts/report/html_report.hpp"
#include "mpdts/report/render_run.hpp"
#include "mpdts/report/xml_checker.hpp"
#include "sample_bench.hpp"
#include "sample_run.hpp"
#include "scratch_dir.hpp"

namespace mpdts::report {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::ThrowsMessage;

class BenchSectionTest : public ::testing::Test {
 protected:
  // The report of sample_run() written to <scratch>/results/report.html, with `bench_dir`.
  std::string page_with(const fs::path& bench_dir) {
    return page_with(load_bench_figures(bench_dir, scratch_.path() / "results"));
  }
  std::string page_with(const BenchFigures& figures) {
    std::string html = render_html_report(test::sample_run(), test::transcripts_from({}), figures);
    parsed_ = parse_xml(html);
    EXPECT_TRUE(parsed_.well_formed) << parsed_.error;
    return html;
  }

  const XmlElement* element(std::string_view id) const { return parsed_.root.find_by_id(id); }

  std::vector<std::string> section_ids() const {
    std::vector<std::string> ids;
    for (const XmlElement* section : parsed_.root.descendants("section")) ids.push_back(*section->attribute("id"));
    return ids;
  }

  test::ScratchDir scratch_;
  XmlParse parsed_;
};

TEST_F(BenchSectionTest, FollowsTheEnvironmentWithThePlotInline) {
  const std::string html = page_with(test::write_sample_bench(scratch_, "bench"));
  EXPECT_THAT(section_ids(), ElementsAre("summary", "by-plan", "by-label", "environment", "benchmarks", "failures",
                                         "findings", "cases"));
  EXPECT_THAT(html, HasSubstr("<a href=\"#environment\">Environment</a><a href=\"#benchmarks\">Benchmarks</a>"));

  const XmlElement* figure = element("bench-hotplug-scaling");
  ASSERT_NE(figure, nullptr);
  ASSERT_EQ(figure->children.size(), 2u);
  const XmlElement& svg = figure->children[0];
  EXPECT_EQ(svg.name, "svg");
  EXPECT_EQ(*svg.attribute("viewBox"), "0 0 720.0 470.0");
  EXPECT_EQ(svg.descendants("title").front()->text, "hotplug_mp: net_null attach/detach latency vs secondaries");
  EXPECT_EQ(figure->children[1].name, "figcaption");
  EXPECT_EQ(parsed_.root.descendants("svg").size(), 1u);
  EXPECT_THAT(html, HasSubstr("<figure id=\"bench-hotplug-scaling\">\n<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_THAT(html, Not(HasSubstr("<img")));
}

TEST_F(BenchSectionTest, CaptionSaysMachineLoadTimeAndRepetitionsAndLinksTheCsvFiles) {
  const std::string html = page_with(test::write_sample_bench(scratch_, "bench"));
  EXPECT_THAT(html, HasSubstr(
      "<figcaption id=\"bench-scaling-caption\"><b>Hotplug scaling</b> (<code>mpdts-bench hotplug</code>): "
      "attach and detach latency against the number of secondary processes. Measured 2026-03-01 10:00:00 UTC "
      "on 2 CPUs (AMD EPYC 7B13), Linux 6.1.0 x86_64, DPDK 22.11.11. Load average (1 min): 6.7 before, 6.9 "
      "after. 30 repetitions per point after 2 warm-up. Device <code>net_null0</code>, secondaries 1, 2, 4. "
      "Plot written 2026-03-01 10:05:00 UTC. Data: <a href=\"../bench/hotplug-scaling.csv\">hotplug-scaling.csv"
      "</a>, <a href=\"../bench/hotplug-scaling-samples.csv\">hotplug-scaling-samples.csv</a>.</figcaption>"));
}

TEST_F(BenchSectionTest, SaysTheseAreMeasurementsFromThatDirectoryWithEachFilesTime) {
  const fs::path bench = test::write_sample_bench(scratch_, "bench");
  page_with(bench);
  EXPECT_THAT(element("bench-note")->text, HasSubstr("Measurements, not verdicts: nothing here passes or fails"));
  EXPECT_EQ(element("bench-dir")->text, fs::canonical(bench).string());

  std::vector<std::string> rows;
  for (const XmlElement* row : element("bench-files")->descendants("tr")) {
    const auto cells = row->descendants("td");
    if (cells.empty()) continue;
    const XmlElement* a = cells[0]->descendants("a").front();
    rows.push_back(*a->attribute("href") + " " + a->text + " " + cells[1]->text);
  }
  EXPECT_THAT(rows, ElementsAre("../bench/hotplug-scaling.svg hotplug-scaling.svg 2026-03-01 10:05:00 UTC",
                                "../bench/hotplug-scaling.json hotplug-scaling.json 2026-03-01 10:06:00 UTC",
                                "../bench/hotplug-scaling.csv hotplug-scaling.csv 2026-03-01 10:06:00 UTC",
                                "../bench/hotplug-scaling-samples.csv hotplug-scaling-samples.csv 2026-03-01 10:06:00 UTC",
                                "../bench/symmetric-rates.csv symmetric-rates.csv 2026-03-01 10:06:00 UTC"));
}

TEST_F(BenchSectionTest, LinksAreRelativeToTheReportAndUrlEncoded) {
  const fs::path bench = test::write_sample_bench(scratch_, "my bench#2");
  const BenchFigures figures = load_bench_figures(bench, scratch_.path() / "out" / "deep");
  ASSERT_NE(figures.file(kBenchScalingCsv), nullptr);
  EXPECT_EQ(figures.file(kBenchScalingCsv)->href, "../../my%20bench%232/hotplug-scaling.csv");
}

TEST_F(BenchSectionTest, SymmetricRatesAreATableWithNumbersRightAligned) {
  page_with(test::write_sample_bench(scratch_, "bench"));
  const XmlElement* table = element("bench-symmetric-rates");
  ASSERT_NE(table, nullptr);
  std::vector<std::string> header;
  for (const XmlElement* th : table->descendants("th")) header.push_back(th->text);
  EXPECT_THAT(header, ElementsAre("process", "proc_id", "window_pps", "testpmd_tx_pps", "share_of_testpmd",
                                  "own_rx_packets", "own_life_s", "own_average_pps", "window_s"));
  const auto rows = table->descendants("tbody").front()->descendants("tr");
  ASSERT_EQ(rows.size(), 3u);
  std::vector<std::string> all;
  for (const XmlElement* td : rows[2]->descendants("td")) all.push_back(td->text);
  EXPECT_THAT(all, ElementsAre("all", "", "2142158", "2156552", "0.993", "", "", "", "0.128"));
  EXPECT_EQ(rows[0]->descendants("td")[0]->attribute("class"), nullptr);
  EXPECT_EQ(*rows[0]->descendants("td")[2]->attribute("class"), "num");
}

TEST_F(BenchSectionTest, CsvTextIsEscaped) {
  const fs::path bench = scratch_.path() / "bench";
  scratch_.write("bench/symmetric-rates.csv", "process,window_pps\r\n\"<b>&amp;</b>\",1\r\n");
  const std::string html = page_with(bench);
  EXPECT_THAT(html, HasSubstr("<td>&lt;b&gt;&amp;amp;&lt;/b&gt;</td>"));
  EXPECT_EQ(element("bench-symmetric-rates")->descendants("td")[0]->text, "<b>&amp;</b>");
}

TEST_F(BenchSectionTest, AbsentWithoutABenchDirectoryOrWithNothingKnownInIt) {
  const std::string without = page_with(BenchFigures{});
  EXPECT_EQ(element("benchmarks"), nullptr);
  EXPECT_THAT(without, Not(HasSubstr("href=\"#benchmarks\"")));

  scratch_.write("bench/notes.txt", "not a bench file\n");
  const BenchFigures unknown = load_bench_figures(scratch_.path() / "bench", scratch_.path());
  EXPECT_TRUE(unknown.empty());
  page_with(unknown);
  EXPECT_EQ(element("benchmarks"), nullptr);
}

TEST_F(BenchSectionTest, AMissingBenchDirectoryIsAnErrorNamingIt) {
  const fs::path missing = scratch_.path() / "no-bench";
  EXPECT_THAT([&] { load_bench_figures(missing, scratch_.path()); },
              ThrowsMessage<BenchDirError>(HasSubstr(missing.string() + " does not exist")));
  const fs::path file = scratch_.write("bench-file", "");
  EXPECT_THAT([&] { load_bench_figures(file, scratch_.path()); },
              ThrowsMessage<BenchDirError>(HasSubstr(file.string() + " is not a directory")));
}

struct HostilePlot {
  const char* what;
  const char* svg;
  const char* note;  // as it is in the page
};

void PrintTo(const HostilePlot& plot, std::ostream* os) { *os << plot.what; }

class HostilePlotTest : public BenchSectionTest, public ::testing::WithParamInterface<HostilePlot> {};

TEST_P(HostilePlotTest, IsNotEmbeddedAndTheNoteSaysWhy) {
  const fs::path bench = test::write_sample_bench(scratch_, "bench");
  scratch_.write("bench/hotplug-scaling.svg", GetParam().svg);
  const std::string html = page_with(bench);
  EXPECT_THAT(html, HasSubstr(std::string("<p class=\"refused\" id=\"bench-svg-refused\">The plot <code>"
                                          "hotplug-scaling.svg</code> is not shown: ") +
                              GetParam().note + ".</p>"));
  EXPECT_EQ(parsed_.root.descendants("svg").size(), 0u);
  EXPECT_EQ(parsed_.root.descendants("script").size(), 0u);
  EXPECT_THAT(html, Not(HasSubstr("alert")));
  EXPECT_THAT(html, Not(HasSubstr("href=\"https://")));
  EXPECT_NE(element("bench-scaling-caption"), nullptr);  // the caption and the data stay
}

INSTANTIATE_TEST_SUITE_P(
    Plot, HostilePlotTest,
    ::testing::Values(
        HostilePlot{"Script", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
                    "it contains a &lt;script&gt; element"},
        HostilePlot{"OnLoad", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect/></svg>",
                    "it has the event attribute onload on &lt;svg&gt;"},
        HostilePlot{"ExternalHref",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\"><use href=\"https://example.com/a.svg#x\"/></svg>",
                    "it links to href=&quot;https://example.com/a.svg#x&quot; on &lt;use&gt;, not to a #fragment "
                    "of itself"},
        HostilePlot{"NotWellFormed", "<svg><rect></svg>",
                    "it is not well-formed XML (line 1: end tag does not match &lt;rect&gt;)"}),
    [](const ::testing::TestParamInfo<HostilePlot>& info) { return std::string(info.param.what); });

TEST_F(BenchSectionTest, AFailedHotplugRunLeavesNoPlotAndTheSectionSaysSo) {
  scratch_.write("bench/hotplug-scaling-samples.csv", "secondaries,requester\r\n");
  const std::string html = page_with(scratch_.path() / "bench");
  EXPECT_EQ(element("bench-hotplug-scaling"), nullptr);
  EXPECT_THAT(element("bench-no-plot")->text, HasSubstr("did not finish with every step right"));
  EXPECT_THAT(html, HasSubstr("<a href=\"../bench/hotplug-scaling-samples.csv\">"));
}

TEST_F(BenchSectionTest, AnUnreadableRunDescriptionIsListedAndTheCaptionSaysWhatIsUnknown) {
  const fs::path bench = test::write_sample_bench(scratch_, "bench");
  scratch_.write("bench/hotplug-scaling.json", "{ not json");
  const std::string html = page_with(bench);
  EXPECT_THAT(html, HasSubstr("<li><code>hotplug-scaling.json: not valid JSON</code></li>"));
  EXPECT_THAT(element("bench-scaling-caption")->text,
              HasSubstr("next to it: the machine and the load it was measured under are not known."));
  EXPECT_EQ(parsed_.root.descendants("svg").size(), 1u);
}

TEST_F(BenchSectionTest, RenderResultsDirFindsTheBenchDirectoryBesideTheResults) {
  const fs::path results = scratch_.path() / "reports" / "run";
  fs::create_directories(results / "cases");
  const fs::path bench = test::write_sample_bench(scratch_, "reports/bench");

  const RenderedRun rendered = render_results_dir(results);  // what `mpdts run` calls
  EXPECT_EQ(rendered.bench, fs::canonical(bench));
  EXPECT_THAT(test::read_file(results / "report.html"),
              HasSubstr("<a href=\"../bench/hotplug-scaling.csv\">hotplug-scaling.csv</a>"));

  fs::remove_all(bench);
  EXPECT_EQ(render_results_dir(results).bench, fs::path());
  EXPECT_THAT(test::read_file(results / "report.html"), Not(HasSubstr("id=\"benchmarks\"")));
}

TEST_F(BenchSectionTest, RenderResultsDirTakesTheBenchDirectoryItIsGiven) {
  const fs::path results = scratch_.path() / "results";
  fs::create_directories(results / "cases");
  const fs::path elsewhere = test::write_sample_bench(scratch_, "elsewhere/figures");
  RenderOptions options;
  options.html = scratch_.path() / "html" / "report.html";
  options.bench = elsewhere;
  EXPECT_EQ(render_results_dir(results, options).bench, fs::canonical(elsewhere));
  EXPECT_THAT(test::read_file(options.html),
              HasSubstr("<a href=\"../elsewhere/figures/hotplug-scaling.csv\">hotplug-scaling.csv</a>"));
}

}  // namespace
}  // namespace mpdts::report
