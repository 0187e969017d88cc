/** OpenCC's character tables as opencc-js ships them: "from to|from to|…". */
declare module 'opencc-js/dict/TSCharacters' {
  const table: string;
  export default table;
}
declare module 'opencc-js/dict/*' {
  const table: string;
  export default table;
}
