# SPDX-License-Identifier: MIT
# keystone_set_warnings(target): the project's warning set; -Werror when
# KEYSTONE_WARNINGS_AS_ERRORS is on (the dev and asan presets turn it on).
function(keystone_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic
    -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
  if(KEYSTONE_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  target_compile_definitions(${target} PRIVATE QT_NO_KEYWORDS QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_UP_TO=0x060400)
endfunction()
