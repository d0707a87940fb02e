#include <corpus.hpp>

int main() { return corpus::migrations().empty() ? 1 : 0; }
