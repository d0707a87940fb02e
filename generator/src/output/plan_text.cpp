#include "output/plan_text.hpp"

#include "terminal.hpp"

#include <fmt/format.h>

namespace embedded_migrations::generator::output {

std::string describe_plan(const apply_plan& plan, const std::string& path, bool created, bool color) {
  const auto writes = plan.pending.size() + plan.baselined.size() + plan.adopted.size();
  std::string text;
  if (plan.error) {
    // The lists then hold only what was found before the error, and already_applied may be unread:
    // the caller prints the error itself.
    return fmt::format("{}{}: apply would stop at the error below and write nothing\n", path,
                       created ? " (a new database)" : "");
  }
  if (plan.is_up_to_date()) {
    text = fmt::format("{} is up to date ({} applied); apply would write nothing\n", path, plan.already_applied);
  } else {
    text = fmt::format("{}{}: apply would write {} migration{} (version {} to {})\n", path,
                       created ? " (a new database)" : "", writes, writes == 1 ? "" : "s", plan.current_version,
                       plan.target_version);
  }
  const auto line = [&](const char* label, style look, const migration& m, const std::string& note) {
    text += fmt::format("  {} {}{}\n", styled(label, look, color), m.filename, note);
  };
  for (const auto& m : plan.adopted) line("record", style::good, m, " (another tool applied it; not run)");
  for (const auto& m : plan.baselined) {
    line("record", style::good, m, plan.from_snapshot ? " (from the schema snapshot)" : " (baseline; not run)");
  }
  for (const auto& m : plan.pending) {
    bool older = false;
    for (const auto& o : plan.out_of_order) older = older || o.version == m.version;
    line("apply ", style::good, m, older ? " (older than the newest applied migration)" : "");
    if (!m.destructive.empty()) {
      text += fmt::format("         {} {}\n", styled("note:", style::note, color), m.destructive);
    }
  }
  if (!plan.backup.empty()) text += fmt::format("  {} {} first\n", styled("backup", style::note, color), plan.backup);
  return text;
}

}  // namespace embedded_migrations::generator::output
