if (value == null || value === 0) {
  reset(value !== undefined);
}
