/**
 * Builds the add-in into dist/: taskpane.html (the task pane and, through the
 * shared runtime, the ribbon commands), commands.html, manifest.xml and the
 * icons. `webpack --mode production` needs no certificates; only
 * `webpack serve` asks office-addin-dev-certs for the localhost HTTPS ones.
 */
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { productionManifest } = require('./scripts/manifest-url');

const DEV_PORT = 3000;

/** Emitted pages, shared with test/manifest.test.ts (every manifest URL must be one of these or a copied asset). */
const PAGES = [
  // Shared runtime: the task pane page is the manifest's FunctionFile. The small `functions` entry comes first
  // (manual order) and registers the ribbon handlers before the pane's UI scripts run; it loads the engine on demand.
  { filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['functions', 'taskpane'], chunksSortMode: 'manual' },
  // Stand-alone function file for hosts without a shared runtime.
  { filename: 'commands.html', template: './src/commands/commands.html', chunks: ['functions'] },
];
const COPIED = [
  { from: 'assets', to: 'assets' },
  {
    from: 'manifest.xml',
    to: 'manifest.xml',
    // dist/manifest.xml: the deployment's HTTPS base URL (ADDIN_BASE_URL) and a SupportUrl; see scripts/manifest-url.js.
    transform: (content) => productionManifest(content.toString('utf8'), { baseUrl: process.env.ADDIN_BASE_URL, supportUrl: process.env.ADDIN_SUPPORT_URL }),
  },
];

async function httpsOptions() {
  // Lazy: a plain build must not touch the certificate store.
  const devCerts = require('office-addin-dev-certs');
  const { ca, key, cert } = await devCerts.getHttpsServerOptions();
  return { ca, key, cert };
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || 'production';
  const dev = mode === 'development';
  const serving = !!env.WEBPACK_SERVE;

  return {
    mode,
    devtool: dev ? 'eval-cheap-module-source-map' : 'source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      // The function file's script: Office.actions.associate at top level; ./commands (engine) is a dynamic import.
      functions: './src/commands/functions.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      publicPath: 'auto',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.mjs'],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              // Type checking is `tsc --noEmit`'s job; the bundle only needs the transpiled code.
              transpileOnly: true,
              // ES modules so webpack can tree-shake Fluent UI and split the dynamic import() of the workbench.
              compilerOptions: { module: 'esnext', sourceMap: true },
            },
          },
        },
      ],
    },
    plugins: [...PAGES.map((p) => new HtmlWebpackPlugin({ ...p, scriptLoading: 'defer' })), new CopyWebpackPlugin({ patterns: COPIED })],
    optimization: {
      // One runtime for both entries: on the shared-runtime page the commands and the pane share module instances.
      runtimeChunk: 'single',
      splitChunks: {
        chunks: 'all',
        cacheGroups: {
          // Only the workbench imports ExcelJS (dynamic import): keep it in its own on-demand chunk.
          exceljs: { test: /[\\/]node_modules[\\/]exceljs[\\/]/, name: 'exceljs', chunks: 'async', priority: 20 },
          ui: { test: /[\\/]node_modules[\\/](@fluentui|@griffel|react|react-dom|scheduler|tabster|keyborg|@floating-ui)[\\/]/, name: 'ui', priority: 10 },
        },
      },
    },
    performance: {
      // ExcelJS (workbench only, loaded on demand) is about 1 MB minified.
      maxAssetSize: 1_500_000,
      maxEntrypointSize: 1_500_000,
    },
    devServer: serving
      ? {
          port: DEV_PORT,
          server: { type: 'https', options: await httpsOptions() },
          headers: { 'Access-Control-Allow-Origin': '*' },
          hot: false,
        }
      : undefined,
  };
};

module.exports.PAGES = PAGES;
module.exports.COPIED = COPIED;
module.exports.DEV_PORT = DEV_PORT;
