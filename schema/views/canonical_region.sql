-- Tencent region ids by the region names bill files write (English or Chinese), for the FOCUS views' RegionId when a
-- row has no Region Code (files before the November 2024 bill upgrade). One row per name; a name not listed gives NULL.
-- @column region_name A region name as bill files write it in Region, English or Chinese
-- @column region_id Tencent region id of that region, e.g. ap-singapore
CREATE OR REPLACE VIEW canonical_region AS
SELECT region_name, region_id
FROM (VALUES
    ('Singapore', 'ap-singapore'), ('Hong Kong, China', 'ap-hongkong'), ('Frankfurt', 'eu-frankfurt'),
    ('Silicon Valley', 'na-siliconvalley'), ('Virginia', 'na-ashburn'), ('Tokyo', 'ap-tokyo'), ('Seoul', 'ap-seoul'),
    ('Bangkok', 'ap-bangkok'), ('Jakarta', 'ap-jakarta'), ('Mumbai', 'ap-mumbai'), ('Sao Paulo', 'sa-saopaulo'),
    ('Toronto', 'na-toronto'),
    ('新加坡', 'ap-singapore'), ('中国香港', 'ap-hongkong'), ('法兰克福', 'eu-frankfurt'), ('硅谷', 'na-siliconvalley'),
    ('弗吉尼亚', 'na-ashburn'), ('东京', 'ap-tokyo'), ('首尔', 'ap-seoul'), ('曼谷', 'ap-bangkok'), ('雅加达', 'ap-jakarta'),
    ('孟买', 'ap-mumbai'), ('圣保罗', 'sa-saopaulo'), ('多伦多', 'na-toronto')
) AS r(region_name, region_id);
