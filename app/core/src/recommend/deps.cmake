# The buying guide builds cars with the rules engine, prices them and measures their range; its
# answers become demand-insight events (the analytics vocabulary).
target_link_libraries(core_recommend PUBLIC core_rules core_pricing core_range core_analytics)
