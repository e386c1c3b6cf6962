#include <cstdio>

int main() {
  std::puts("manrs 0.1.0");
  return 0;
}
