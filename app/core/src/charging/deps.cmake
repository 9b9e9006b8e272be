# The fit check takes charging times and costs from the range model; the survey booking shares the
# booking module's field rules (name, mobile, ids, dates) and error type.
target_link_libraries(core_charging PUBLIC core_range core_booking)
