# SPDX-License-Identifier: MIT
# Address + undefined-behaviour sanitizers for every target when KEYSTONE_SANITIZE is on.
if(KEYSTONE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
  # GCC 12 at -O2 with ASan reports -Wmaybe-uninitialized inside libstdc++'s <regex>
  # (std::function moves in regex_automaton.h, pulled in by catch.hpp): a known false
  # positive of the sanitizer instrumentation, not of our code. The dev preset keeps it.
  add_compile_options(-Wno-maybe-uninitialized)
endif()
