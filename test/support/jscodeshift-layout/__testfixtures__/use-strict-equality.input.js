function same(a, b) {
  return a == b || a != null;
}
