#include "Visit.h"

#include <algorithm>

namespace kiosk {
namespace {

void overwrite(std::string& s) {
    std::fill(s.begin(), s.end(), '\0');
    s.clear();
}

}  // namespace

Visit::Visit(const std::string& language, bool queueMode) {
    session.reset(language);
    bookingUi.queueMode = queueMode;
}

Visit::~Visit() {
    // SecureStrings wipe themselves; the UI states keep keyboard buffers and plain strings.
    session.form.wipe();
    session.survey.wipe();
    bookingUi.wipe();
    surveyUi.wipe();
    advisor.ui.wipe();
    advisor.pinTyped.wipe();
    advisor.password.wipe();
    overwrite(advisor.codeTyped);
    overwrite(advisor.signInId);
    overwrite(glyphs);
}

}  // namespace kiosk
