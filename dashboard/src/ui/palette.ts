/** Line and bar colours, each at least 4.5:1 against white so that they read as text too. */
export const palette = ['#0b5cad', '#b3261e', '#2e7d32', '#6a1b9a', '#8a4b00', '#00695c', '#37474f'] as const;

export const bandFill = 'rgba(11, 92, 173, 0.15)';
