// Deployment settings for the console. The defaults suit `vod local`, which serves the console and
// the API from one origin. When the console is hosted elsewhere (S3 + CloudFront), overwrite this
// file with the deployed API's URL, e.g. { apiBase: "https://abc123.execute-api.eu-west-1.amazonaws.com" }.
// A `?api=URL` query parameter overrides it for one visit, except when `auth` is set (the bearer
// token must only ever go to the configured API).
window.SVOD_CONFIG = {
  apiBase: "/api",
};
