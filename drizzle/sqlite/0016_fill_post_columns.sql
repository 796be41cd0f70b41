-- Fills the columns 0015 added from the post as X sent it, as
-- report/stored-post.ts (toStoredPost) does for every read from now on;
-- 0017 then drops the JSON. Link hosts are worked out as new URL().hostname
-- would for the URLs X sends (scheme://[user@]host[:port][/?#...]), each step
-- naming the one before once or twice: SQLite flattens the nested selects, and
-- a step naming its input three times made a statement of 38 MB. The
-- column is named with its table: json_each has a hidden column `json` too.
UPDATE `x_posts` SET
  `kind` = CASE
    WHEN EXISTS (SELECT 1 FROM json_each(`x_posts`.`json`, '$.referenced_tweets') WHERE value ->> '$.type' = 'retweeted') THEN 'repost'
    WHEN EXISTS (SELECT 1 FROM json_each(`x_posts`.`json`, '$.referenced_tweets') WHERE value ->> '$.type' = 'replied_to') THEN 'reply'
    WHEN EXISTS (SELECT 1 FROM json_each(`x_posts`.`json`, '$.referenced_tweets') WHERE value ->> '$.type' = 'quoted') THEN 'quote'
    ELSE 'original'
  END,
  `replied_to` = (SELECT value ->> '$.id' FROM json_each(`x_posts`.`json`, '$.referenced_tweets') WHERE value ->> '$.type' = 'replied_to' LIMIT 1),
  `author_id` = `json` ->> '$.author_id',
  `text` = substr(coalesce(`json` ->> '$.text', ''), 1, 280),
  `likes` = coalesce(`json` ->> '$.public_metrics.like_count', 0),
  `reposts` = coalesce(`json` ->> '$.public_metrics.retweet_count', 0),
  `replies` = coalesce(`json` ->> '$.public_metrics.reply_count', 0),
  `quotes` = coalesce(`json` ->> '$.public_metrics.quote_count', 0),
  `bookmarks` = coalesce(`json` ->> '$.public_metrics.bookmark_count', 0),
  `impressions` = `json` ->> '$.public_metrics.impression_count',
  `has_private` = `json` -> '$.non_public_metrics' IS NOT NULL,
  `private_impressions` = `json` ->> '$.non_public_metrics.impression_count',
  `profile_clicks` = `json` ->> '$.non_public_metrics.user_profile_clicks',
  `link_clicks` = `json` ->> '$.non_public_metrics.url_link_clicks',
  `engagements` = `json` ->> '$.non_public_metrics.engagements',
  `hashtags` = coalesce((SELECT group_concat(value ->> '$.tag', ' ') FROM json_each(`x_posts`.`json`, '$.entities.hashtags')), ''),
  `mentions` = coalesce((SELECT group_concat(value ->> '$.username', ' ') FROM json_each(`x_posts`.`json`, '$.entities.mentions')), ''),
  `domains` = coalesce((
    SELECT group_concat(host, ' ') FROM (
      SELECT CASE WHEN h LIKE 'www.%' THEN substr(h, 5) ELSE h END AS host FROM (
        -- the host, without a port
        SELECT lower(substr(p, 1, instr(p, ':') - 1)) AS h FROM (
          -- without user@, and with a ':' to cut at
          SELECT substr(a, instr(a, '@') + 1) || ':' AS p FROM (
            -- up to the first '/', '?' or '#'
            SELECT substr(r, 1, instr(r, '/') - 1) AS a FROM (
              SELECT replace(replace(substr(u, instr(u, '://') + 3), '?', '/'), '#', '/') || '/' AS r FROM (
                SELECT coalesce(value ->> '$.expanded_url', value ->> '$.url') AS u
                FROM json_each(`x_posts`.`json`, '$.entities.urls') WHERE value ->> '$.media_key' IS NULL
              ) WHERE instr(u, '://') > 0
            )
          )
        )
      ) WHERE h <> ''
    ) WHERE host <> 't.co'
  ), ''),
  `has_media` = EXISTS (SELECT 1 FROM json_each(`x_posts`.`json`, '$.entities.urls') WHERE value ->> '$.media_key' IS NOT NULL);
