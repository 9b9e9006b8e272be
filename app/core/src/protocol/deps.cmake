# The sync protocol carries all three kinds of kiosk records: test drives (booking), home-charger
# site surveys (charging) and anonymous analytics events (analytics). It sits above all three so
# none of them depends on another through it.
target_link_libraries(core_protocol PUBLIC core_booking core_charging core_analytics)
